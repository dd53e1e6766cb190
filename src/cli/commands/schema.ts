import { policyJsonSchema } from '../api.js';
import { writeJson, type Command } from '../command.js';
import { EXIT } from '../errors.js';

/** `escalation schema`: prints the JSON Schema of policy files. */
export const schema: Command = {
  name: 'schema',
  summary: 'print the JSON Schema of policy files',
  usage: 'schema [options]',
  description:
    'Prints the JSON Schema (draft 2020-12) of a policy document, as policyJsonSchema()\n' +
    'returns it: point an editor at it for completion and validation, or validate policies\n' +
    'in other tools. The output is JSON with or without --json.',
  arguments: [],
  positionals: [0, 0],
  options: {},
  exitCodes: [
    [0, 'the schema was printed'],
    [2, 'usage error: unknown option or an argument'],
  ],
  examples: [
    ['escalation schema > policy.schema.json', 'save the schema'],
    ["escalation schema | jq '.properties | keys'", 'the top-level keys of a policy'],
  ],
  run(context) {
    writeJson(context, policyJsonSchema());
    return Promise.resolve(EXIT.ok);
  },
};
