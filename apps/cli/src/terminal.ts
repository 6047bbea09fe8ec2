import { createInterface } from 'node:readline';
import { Cancelled } from './failures';

/**
 * Asks one question at the terminal and resolves to the trimmed answer. The question goes to
 * stderr, so that stdout stays the command's output (`--json`). Ctrl-C or end of input rejects
 * with `Cancelled`: without a SIGINT listener, readline would only pause, and the pending
 * question would let the process end with exit code 0. Node's readline is enough for the CLI's
 * few questions (a numbered choice, a name): no prompt library to bundle.
 */
export function askAtTerminal(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    let answered = false;
    rl.on('SIGINT', () => rl.close());
    rl.on('close', () => {
      if (answered) return;
      process.stderr.write('\n');
      reject(new Cancelled());
    });
    rl.question(question, (answer) => {
      answered = true;
      rl.close();
      resolve(answer.trim());
    });
  });
}
