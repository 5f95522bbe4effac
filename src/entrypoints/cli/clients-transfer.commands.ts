import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { ClientProfile } from '../../domain/clients/client.ts';
import { maskPhonesInText } from '../../domain/phone/masking.ts';
import type { CliContext } from './cli-context.ts';
import { describeFsError } from './read-input.ts';
import { plural, textTable } from './text-table.ts';
import { usuarioClientesContract } from './lazy-contracts.ts';
import { UserError, written } from './user-error.ts';

/** `clients import|export`: moving clients between CVT's MongoDB and the embedded store. */
export function registerClientTransferCommands(clients: Command, context: CliContext): void {
  clients
    .command('import')
    .summary('Import usuarioclientes documents from a mongoexport file')
    .description(
      'Import usuarioclientes documents ({clienteId, correo, borrado}) from a mongoexport file (JSON array or JSON lines). ' +
        'Each client in the file gets exactly its non-deleted users; deleted documents are skipped, invalid ones reported and skipped.',
    )
    .argument('<file>', 'the exported documents, or - for standard input')
    .option('--json', 'print the outcome as JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const { readUsuarioClientes, usersByClient } = await usuarioClientesContract();
      const read = readUsuarioClientes(await context.readInput(file));
      if (!read.ok) throw new UserError(`cannot import ${file}: ${read.error}`);
      const manageClients = await context.service('manageClients');
      const profiles: ClientProfile[] = [];
      for (const [clientId, users] of usersByClient(read.value.documents)) {
        profiles.push(written(await manageClients.replace(clientId, { users })));
      }
      const deleted = read.value.documents.filter((document) => document.borrado).length;
      if (options.json)
        context.printJson({ clients: profiles.map(importedCounts), total: totals(profiles), deleted, invalid: read.value.invalid });
      else context.print(...importReport(profiles, deleted, read.value.invalid));
    });

  clients
    .command('export')
    .description(
      'Export every client as usuarioclientes documents, in the shape clients import reads and mongoimport accepts ' +
        '(clienteId as {"$oid": …}, as in CVT\'s database)',
    )
    .option('--output <file>', 'write to this file instead of standard output')
    .option('--plain-ids', 'write clienteId as a plain string instead of {"$oid": …}')
    .action(async (options: { output?: string; plainIds?: boolean }) => {
      const registry = await context.service('clientDirectory');
      const clients = await registry.list();
      const { toUsuarioClientes } = await usuarioClientesContract();
      const documents = toUsuarioClientes(clients, options.plainIds ? 'string' : 'oid');
      // One document per line: a valid JSON array that still diffs and greps line by line.
      const text = documents.length === 0 ? '[]\n' : `[\n${documents.map((document) => `  ${JSON.stringify(document)}`).join(',\n')}\n]\n`;
      if (options.output === undefined) {
        context.print(text.trimEnd());
        return;
      }
      try {
        // The file holds clients' phone numbers in clear: readable by its owner only.
        await writeFile(options.output, text, { mode: 0o600 });
      } catch (error) {
        throw new UserError(`cannot write ${options.output}: ${describeFsError(error)}`);
      }
      const clientCount = clients.filter((client) => client.users.length > 0).length;
      context.print(`exported ${plural(documents.length, 'document')} of ${plural(clientCount, 'client')} to ${options.output}`);
    });
}

function importedCounts(profile: ClientProfile) {
  return {
    id: profile.id,
    contacts: profile.contacts.length,
    distributions: profile.meltwaterDistributionIds.length,
    emails: profile.emails.length,
    rejected: profile.rejected.map((user) => ({ value: maskPhonesInText(user.value), reason: user.reason })),
  };
}

function totals(profiles: readonly ClientProfile[]) {
  const sum = (count: (profile: ClientProfile) => number): number => profiles.reduce((total, profile) => total + count(profile), 0);
  return {
    clients: profiles.length,
    contacts: sum((profile) => profile.contacts.length),
    distributions: sum((profile) => profile.meltwaterDistributionIds.length),
    emails: sum((profile) => profile.emails.length),
    rejected: sum((profile) => profile.rejected.length),
  };
}

function importReport(
  profiles: readonly ClientProfile[],
  deleted: number,
  invalid: readonly { where: string; reason: string }[],
): string[] {
  const total = totals(profiles);
  const lines = textTable(
    ['CLIENT', 'CONTACTS', 'DISTRIBUTIONS', 'E-MAILS', 'REJECTED'],
    [
      ...profiles.map((profile) => {
        const counts = importedCounts(profile);
        return [counts.id, String(counts.contacts), String(counts.distributions), String(counts.emails), String(counts.rejected.length)];
      }),
      [
        `total: ${plural(total.clients, 'client')}`,
        String(total.contacts),
        String(total.distributions),
        String(total.emails),
        String(total.rejected),
      ],
    ],
  );
  lines.push(`deleted documents skipped: ${deleted}`);
  if (invalid.length > 0) {
    lines.push(`invalid documents skipped: ${invalid.length}`, ...invalid.map((document) => `  ${document.where}: ${document.reason}`));
  }
  const rejected = profiles.flatMap((profile) =>
    profile.rejected.map((user) => `  ${profile.id}: ${maskPhonesInText(user.value)}: ${user.reason}`),
  );
  if (rejected.length > 0) lines.push(`rejected users (kept, never messaged): ${rejected.length}`, ...rejected);
  return lines;
}
