import type { Command } from 'commander';
import type { ClientChanges } from '../../application/use-cases/manage-clients.use-case.ts';
import type { ClientProfile } from '../../domain/clients/client.ts';
import type { ClientId } from '../../domain/clients/client-id.ts';
import { maskPhonesInText } from '../../domain/phone/masking.ts';
import { describeIssues } from '../contracts/parse-json.ts';
import { presentClient } from '../shared/presenters.ts';
import type { CliContext } from './cli-context.ts';
import { clientIdArgument } from './cli-arguments.ts';
import { clientDetailLines, clientListLines } from './client-view.ts';
import { mergeUsers, removeUsers } from './client-user-edits.ts';
import { plural } from './text-table.ts';
import { adminSchemas } from './lazy-contracts.ts';
import { UserError, written } from './user-error.ts';

interface JsonOption {
  readonly json?: boolean;
}

interface EditOptions extends JsonOption {
  readonly name?: string;
  readonly provider?: string;
}

const PROVIDER_HELP = 'send this client\'s messages through another configured provider ("default" goes back to WHATSAPP_PROVIDER)';

const USERS_HELP = 'correo values as in usuarioclientes: 50660001234@c.us, <distributionId>@meltwater.com, e-mail addresses';

/** `clients list|show|add|set|remove-user`: the embedded copy of CVT's usuarioclientes. */
export function registerClientCommands(clients: Command, context: CliContext): void {
  clients
    .command('list')
    .description('List clients: contacts, Meltwater distributions and rejected users')
    .option('--json', 'print JSON, as GET /api/clients does')
    .action(async (options: JsonOption) => {
      const manageClients = await context.service('manageClients');
      const profiles = await manageClients.list();
      if (options.json) context.printJson({ items: profiles.map(presentClient) });
      else context.print(...clientListLines(profiles));
    });

  clients
    .command('show')
    .description('Show one client, with its rejected users and why')
    .argument('<clientId>', "CVT's client id (24 hexadecimal characters)", clientIdArgument)
    .option('--json', 'print JSON, as GET /api/clients/:id does')
    .action(async (clientId: ClientId, options: JsonOption) => {
      const manageClients = await context.service('manageClients');
      const profile = await manageClients.get(clientId);
      if (profile === undefined) throw new UserError(`no client has the id ${clientId}`);
      printClient(context, profile, options);
    });

  clients
    .command('add')
    .summary('Create a client, or add users to one')
    .description('Create a client, or add users to an existing one (existing users are kept, none is added twice)')
    .argument('<clientId>', "CVT's client id (24 hexadecimal characters)", clientIdArgument)
    .argument('[users...]', USERS_HELP)
    .option('--name <name>', "the client's name")
    .option('--provider <id>', PROVIDER_HELP)
    .option('--json', 'print the client as JSON')
    .action(async (clientId: ClientId, users: string[], options: EditOptions) => {
      const services = await context.services();
      const edit = await validEdit(options, users, Object.keys(services.get('config').providers));
      const existing = (await services.get('clientDirectory').get(clientId))?.users ?? [];
      const merged = mergeUsers(existing, edit.users, services.get('config').DEFAULT_COUNTRY_CODE);
      const profile = written(await services.get('manageClients').replace(clientId, { ...edit, users: merged.users }));
      if (!options.json) {
        context.note(
          `${plural(merged.added, 'user')} added${merged.alreadyPresent > 0 ? `, ${merged.alreadyPresent} already present` : ''}`,
        );
      }
      printClient(context, profile, options);
    });

  clients
    .command('set')
    .summary("Replace a client's users")
    .description("Replace a client's users (like PUT /api/clients/:id); creates the client when missing")
    .argument('<clientId>', "CVT's client id (24 hexadecimal characters)", clientIdArgument)
    // Required, so that `set <id> --name X` cannot wipe every user by accident; add --name renames.
    .argument('<users...>', USERS_HELP)
    .option('--name <name>', "the client's name (kept when not given)")
    .option('--provider <id>', PROVIDER_HELP)
    .option('--json', 'print the client as JSON')
    .action(async (clientId: ClientId, users: string[], options: EditOptions) => {
      const services = await context.services();
      const edit = await validEdit(options, users, Object.keys(services.get('config').providers));
      const profile = written(await services.get('manageClients').replace(clientId, edit));
      printClient(context, profile, options);
    });

  clients
    .command('remove-user')
    .description('Remove users from a client')
    .argument('<clientId>', "CVT's client id (24 hexadecimal characters)", clientIdArgument)
    .argument('<users...>', 'the correo values to remove')
    .option('--json', 'print the client as JSON')
    .action(async (clientId: ClientId, users: string[], options: JsonOption) => {
      const services = await context.services();
      const client = await services.get('clientDirectory').get(clientId);
      if (client === undefined) throw new UserError(`no client has the id ${clientId}`);
      const remaining = removeUsers(client.users, users, services.get('config').DEFAULT_COUNTRY_CODE);
      if (remaining.removed === 0) throw new UserError(`none of the given users belongs to client ${clientId}`);
      for (const value of remaining.notFound) context.note(`not a user of this client: ${maskPhonesInText(value)}`);
      const profile = written(await services.get('manageClients').replace(clientId, { users: remaining.users }));
      if (!options.json) context.note(`${plural(remaining.removed, 'user')} removed`);
      printClient(context, profile, options);
    });
}

/** The same limits as the admin API; an empty --name clears the name, `--provider default` the provider. */
async function validEdit(
  options: EditOptions,
  users: readonly string[],
  providers: readonly string[],
): Promise<ClientChanges & { users: string[] }> {
  const { clientUpdateSchema } = await adminSchemas();
  const parsed = clientUpdateSchema.safeParse({ name: options.name, users });
  if (!parsed.success) throw new UserError(describeIssues(parsed.error));
  const provider = options.provider === 'default' ? null : options.provider;
  if (provider !== undefined && provider !== null && !providers.includes(provider)) {
    throw new UserError(`--provider ${provider} is not configured here (configured: ${providers.join(', ')})`);
  }
  return {
    users: users.map((user) => user.trim()).filter((user) => user !== ''),
    ...(parsed.data.name === undefined ? {} : { name: parsed.data.name === '' ? null : parsed.data.name }),
    ...(provider === undefined ? {} : { provider }),
  };
}

function printClient(context: CliContext, profile: ClientProfile, options: JsonOption): void {
  if (options.json) context.printJson(presentClient(profile));
  else context.print(...clientDetailLines(profile));
}
