// The CLI reference in the README, generated from the command definitions themselves (the same commander tree
// `sim --help` prints), so it cannot drift: a test compares the README with what this renders.
import type { Command } from 'commander';
import { buildProgram } from './main.js';

function leafCommands(command: Command, path: string[] = []): { path: string[]; command: Command }[] {
  const subs = command.commands.filter((c) => c.name() !== 'help');
  if (subs.length === 0) return [{ path, command }];
  return subs.flatMap((c) => leafCommands(c, [...path, c.name()]));
}

const cell = (text: string) =>
  text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\s+/g, ' ').trim();

/** Markdown: one section per command, its arguments and options as commander defines them. */
export function renderCliReference(): string {
  const program = buildProgram({ io: { stdout: () => {}, stderr: () => {} }, cwd: '/', env: {} });
  const parts: string[] = [];
  for (const { path, command } of leafCommands(program)) {
    // an argument described as a usage (`<type> [<id>]`) is shown as that
    const args = command.registeredArguments.map((a) =>
      a.description.startsWith('<')
        ? a.description
        : a.required
          ? `<${a.name()}>`
          : `[${a.name()}${a.variadic ? '...' : ''}]`,
    );
    parts.push(`#### \`sim ${[...path, ...args].join(' ')}\`\n\n${cell(command.description())}\n`);
    const options = command.options.filter((o) => o.long !== '--help');
    if (options.length > 0) {
      parts.push('| option | meaning |\n|---|---|');
      for (const o of options) {
        const def =
          o.defaultValue === undefined || typeof o.defaultValue === 'boolean'
            ? ''
            : ` (default: ${JSON.stringify(o.defaultValue)})`;
        parts.push(`| \`${o.flags}\` | ${cell(`${o.description}${def}`)} |`);
      }
      parts.push('');
    }
  }
  return `${parts.join('\n').trimEnd()}\n`;
}
