// Public library entry point of flinkfit.
export type { ConfigValue, FlinkConfig, TypedValue, ValueType } from './core/config-value.js';
