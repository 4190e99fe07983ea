// Bundles the action (and its CLI) into dist/ as ESM for runs.using: node24.
import commonjs from '@rollup/plugin-commonjs'
import json from '@rollup/plugin-json'
import nodeResolve from '@rollup/plugin-node-resolve'
import typescript from '@rollup/plugin-typescript'

const plugins = () => [
  typescript({ tsconfig: 'tsconfig.build.json', module: 'NodeNext' }),
  nodeResolve({ preferBuiltins: true, exportConditions: ['node'] }),
  commonjs(),
  json()
]

/** @param {import('rollup').RollupLog} warning @param {(w: import('rollup').RollupLog) => void} warn */
function onwarn(warning, warn) {
  // @actions/* and their dependencies use `this` at module top level and
  // have circular imports; both are harmless in the bundle.
  if (
    warning.code === 'THIS_IS_UNDEFINED' ||
    warning.code === 'CIRCULAR_DEPENDENCY'
  )
    return
  warn(warning)
}

const entry = (name, banner) => ({
  input: `src/${name}.ts`,
  output: {
    banner,
    esModule: true,
    file: `dist/${name}.js`,
    format: 'es',
    sourcemap: false,
    inlineDynamicImports: true
  },
  onwarn,
  plugins: plugins()
})

export default [entry('index'), entry('cli', '#!/usr/bin/env node')]
