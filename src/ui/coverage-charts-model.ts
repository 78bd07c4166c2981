// The coverage charts' words, scales and points live in core (the evidence pack draws the same
// charts); the panel's charts import them from here.

export {
  curveCaption,
  curveTenths,
  formatGbpTick,
  formatIndex,
  indexMeaning,
  niceTicks,
  perHeadCaption,
  reachCaption,
  SHARE_TICKS,
} from '../core/coverage-charts-words';
