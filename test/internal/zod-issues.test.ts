import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { fromZodIssues } from '../../src/internal/index.js';

const schema = z.strictObject({
  name: z.string(),
  size: z.number().min(1),
  tags: z.array(z.string()).optional(),
});

function issuesOf(input: unknown, prefix: (string | number)[] = []) {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected a failure');
  return fromZodIssues(result.error.issues, input, prefix);
}

describe('fromZodIssues', () => {
  it('maps missing, mistyped and unknown keys to our codes with paths', () => {
    expect(issuesOf({ size: 'big', tags: [1], extra: true, more: 1 }, ['calendars', 'us']))
      .toMatchInlineSnapshot(`
        [
          {
            "code": "missing_key",
            "message": "missing required key \`name\`",
            "path": [
              "calendars",
              "us",
              "name",
            ],
            "severity": "error",
          },
          {
            "code": "invalid_type",
            "message": "expected number, received string",
            "path": [
              "calendars",
              "us",
              "size",
            ],
            "severity": "error",
          },
          {
            "code": "invalid_type",
            "message": "expected string, received number",
            "path": [
              "calendars",
              "us",
              "tags",
              0,
            ],
            "severity": "error",
          },
          {
            "code": "unknown_key",
            "message": "unknown key \`extra\`",
            "path": [
              "calendars",
              "us",
              "extra",
            ],
            "severity": "error",
          },
          {
            "code": "unknown_key",
            "message": "unknown key \`more\`",
            "path": [
              "calendars",
              "us",
              "more",
            ],
            "severity": "error",
          },
        ]
      `);
  });

  it('describes null, arrays and other values as the type received', () => {
    expect(issuesOf(null).map((i) => i.message)).toEqual(['expected object, received null']);
    expect(issuesOf([]).map((i) => i.message)).toEqual(['expected object, received array']);
  });

  it('turns other zod issues into invalid_value with a lowercase message', () => {
    const [issue] = issuesOf({ name: 'a', size: 0 });
    expect(issue?.code).toBe('invalid_value');
    expect(issue?.message).toMatch(/^[a-z]/);
    expect(issue?.path).toEqual(['size']);
  });
});
