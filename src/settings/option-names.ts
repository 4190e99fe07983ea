/**
 * How messages name an option: as the action's workflow input
 * (`allow-private-networks: true`, "the site-url input") or as the CLI's
 * flag (`--allow-private-networks`, `--site-url`). Each run picks one and
 * hands it down with its Log, so that a message tells the reader what to
 * write where they are.
 */

/** The words for an option, in the action's or the CLI's terms. */
export interface OptionNames {
  /** The option alone: `max-pings` or `--max-pings`. */
  name(option: string): string
  /** The option in a sentence: "the site-url input" or "--site-url". */
  phrase(option: string): string
  /**
   * The option set to a value: `max-pings: 60` or `--max-pings 60` (a
   * switch set to true is just `--allow-private-networks`).
   */
  setTo(option: string, value: string): string
}

/** The action's words: workflow inputs under `with:`. */
export const inputNames: OptionNames = {
  name: (option) => option,
  phrase: (option) => `the ${option} input`,
  setTo: (option, value) => `${option}: ${value}`
}

/** The CLI's words: flags. */
export const flagNames: OptionNames = {
  name: (option) => `--${option}`,
  phrase: (option) => `--${option}`,
  setTo: (option, value) =>
    value === 'true' ? `--${option}` : `--${option} ${value}`
}
