// Bundles the action (and its CLI) into dist/ as ESM for runs.using: node24.
import commonjs from '@rollup/plugin-commonjs'
import json from '@rollup/plugin-json'
import nodeResolve from '@rollup/plugin-node-resolve'
import typescript from '@rollup/plugin-typescript'
import { rmSync } from 'node:fs'

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

/** Packages free of load-time side effects (see treeshake below). */
const LAZY_TOOLKIT =
  /node_modules\/(undici|tunnel|@actions\/http-client|@actions\/exec|@actions\/io)\//

/** Chunks named for what they hold (rollup would name them after a file). */
const NAMED_CHUNKS = [
  // Small helpers every CommonJS module shares; alone, so that taking them
  // does not load a big chunk at start-up.
  ['commonjs-helpers', /^\0commonjsHelpers/],
  ['undici', /node_modules\/undici\//],
  // Parsers only some runs need, loaded on first use (src/send/trackback-answer.ts when
  // sending, src/live/links.ts for page checks).
  [
    'xml-parser',
    /node_modules\/(fast-xml-parser|fast-xml-builder|strnum|@nodable\/entities|is-unsafe|path-expression-matcher)\//
  ],
  ['html-parser', /node_modules\/parse5\//],
  // The Turtle reader, loaded when a run looks whether an arXiv ping landed
  // (src/landed/arxiv.ts).
  ['rdf-parser', /node_modules\/(n3|buffer|base64-js|ieee754)\//],
  // The Markdown lexer, loaded when a run reads a post (src/post/markdown.ts).
  ['markdown', /node_modules\/marked\//],
  // parse5's entity tables, which src/post/markdown.ts loads with the Markdown
  // lexer: on their own, or rollup would put them with parse5 and load it
  // with every post read.
  ['html-entities', /node_modules\/entities\//]
]

/** Chunks of an earlier build would linger in dist/ under old names. */
const cleanChunks = {
  name: 'clean-chunks',
  buildStart() {
    rmSync('dist/chunks', { recursive: true, force: true })
  }
}

// The action (index) and its CLI (cli) in one build, so that they share
// chunks instead of writing different ones under the same names.
export default {
  input: { index: 'src/index.ts', cli: 'src/cli/main.ts' },
  output: {
    banner: (chunk) =>
      chunk.isEntry && chunk.name === 'cli' ? '#!/usr/bin/env node' : '',
    esModule: true,
    dir: 'dist',
    entryFileNames: '[name].js',
    // Modules the action imports on demand (@actions/cache, Octokit, the
    // parsers) go to their own files, so start-up parses only what
    // every run needs. Names carry no hash: the build stays reproducible
    // and diffs stay readable.
    chunkFileNames: 'chunks/[name].js',
    manualChunks: (id) => NAMED_CHUNKS.find(([, test]) => test.test(id))?.[0],
    format: 'es',
    sourcemap: false
  },
  onwarn,
  treeshake: {
    // @actions/core imports @actions/http-client (for OIDC, which the
    // action never asks for) and @actions/exec; http-client loads undici
    // and tunnel at its top level. These packages only define things when
    // loaded, so saying so lets rollup leave them (1.2 MB) to the chunks
    // that use them (@actions/cache, Octokit) instead of start-up.
    // n3 (the Turtle reader) imports readable-stream for its streaming
    // parser, which landed/arxiv.ts does not use: the same applies.
    moduleSideEffects: (id) =>
      !LAZY_TOOLKIT.test(id) && !/node_modules\/readable-stream\//.test(id)
  },
  plugins: [cleanChunks, ...plugins()]
}
