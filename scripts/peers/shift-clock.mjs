// Preloaded (`node --import`) by run-action.mjs when a test runs the action
// days later than now: Date (its constructor without arguments and
// Date.now) runs SHIFT_CLOCK_MS ahead, so the bundle's planning clock, the
// ledger's times and the run's deadline all move together. Test-only: the
// action itself has no clock setting.
const shift = Number(process.env.SHIFT_CLOCK_MS ?? '0')
if (Number.isFinite(shift) && shift !== 0) {
  const RealDate = Date
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + shift)
      else super(...args)
    }
    static now() {
      return RealDate.now() + shift
    }
  }
  globalThis.Date = ShiftedDate
}
