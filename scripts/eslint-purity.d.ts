import type { Linter } from 'eslint';

/** Purity bans for the core (see eslint-purity.js). */
export declare const purity: Linter.RulesRecord;
