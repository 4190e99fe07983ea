/**
 * The generators the action knows, and the one place that picks among
 * them: `loadSite` finds which one builds a site, `generatorFor` gives the
 * module for a Site's `generator`. Adding a generator is adding its module
 * to GENERATORS.
 */
import type { SiteGenerator } from './generator.js'
import { generic, otherSite } from './generic.js'
import { hugo } from './hugo/index.js'
import { jekyll } from './jekyll/index.js'
import { zoneProblems } from './site.js'
import type { LoadedSite, Site, SiteOverrides } from './site.js'

/**
 * Every generator, in the order loadSite tries them: Jekyll before Hugo (a
 * `_posts` folder is Jekyll's even beside a `config.toml`), the generic
 * one, which takes any site, last.
 */
export const GENERATORS: readonly SiteGenerator[] = [jekyll, hugo, generic]

/** The module of the generator named by `site.generator`. */
export function generatorFor(
  site: Pick<Site, 'generator'>,
  generators: readonly SiteGenerator[] = GENERATORS
): SiteGenerator {
  const found = generators.find((g) => g.name === site.generator)
  if (found === undefined) {
    throw new Error(`Unknown site generator '${site.generator}'.`)
  }
  return found
}

/**
 * Read the config of the generator that builds the site under `root`
 * (absolute) and build the Site: the first of `generators` whose config is
 * there. Never throws for broken config: returns problems (file + line +
 * message) and a Site with what could be read.
 */
export async function loadSite(
  root: string,
  overrides: SiteOverrides,
  generators: readonly SiteGenerator[] = GENERATORS
): Promise<LoadedSite> {
  for (const generator of generators) {
    const loaded = await generator.load(root, overrides)
    if (loaded === undefined) continue
    const { site, problems } = loaded
    return { site, problems: [...problems, ...zoneProblems(site)] }
  }
  // Only a list without the generic generator, which takes any site.
  return { site: otherSite(overrides), problems: [] }
}
