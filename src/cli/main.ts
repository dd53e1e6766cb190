#!/usr/bin/env node
// The `escalation` bin: the real process as the CLI's host.
import { runCli } from './run.js';

// A reader that stops early (`escalation diff … | head`) closes the pipe: stop quietly.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit();
  });

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: {
    write(text) {
      process.stdout.write(text);
    },
    // undefined when not a terminal, whatever the types say
    isTTY: (process.stdout.isTTY as boolean | undefined) === true,
    get columns() {
      return process.stdout.columns;
    },
  },
  stderr: {
    write(text) {
      process.stderr.write(text);
    },
    isTTY: (process.stderr.isTTY as boolean | undefined) === true,
    get columns() {
      return process.stderr.columns;
    },
  },
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  now: () => new Date(),
});
