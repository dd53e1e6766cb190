// @ts-check
/** Purity bans for the core: `now` is an argument, nothing random, no environment, no output. */
export const purity = {
  'no-restricted-syntax': [
    'error',
    {
      selector: "NewExpression[callee.name='Date'][arguments.length=0]",
      message: 'the core never reads the clock: take `now` as an argument',
    },
    {
      selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
      message: 'the core never reads the clock: take `now` as an argument',
    },
    {
      selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
      message: 'the core is deterministic: no randomness',
    },
    {
      selector: "MemberExpression[object.name='process'][property.name='env']",
      message: 'the core never reads the environment',
    },
    {
      selector: "MemberExpression[object.name='performance'][property.name='now']",
      message: 'the core never reads the clock',
    },
    {
      selector:
        "CallExpression[callee.property.name='resolvedOptions'][callee.object.type='NewExpression'][callee.object.arguments.length=0]",
      message: 'the core never reads the host time zone or locale',
    },
  ],
  'no-restricted-globals': [
    'error',
    { name: 'console', message: 'a library returns issues; only the CLI prints' },
    { name: 'setTimeout', message: 'the core has no timers: report nextEvaluationAt' },
    { name: 'setInterval', message: 'the core has no timers: report nextEvaluationAt' },
    { name: 'fetch', message: 'the core does no I/O' },
    { name: 'process', message: 'the core never reads the environment' },
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Date', property: 'now', message: 'the core never reads the clock' },
    { object: 'Math', property: 'random', message: 'the core is deterministic' },
    { object: 'console', message: 'a library returns issues; only the CLI prints' },
  ],
};
