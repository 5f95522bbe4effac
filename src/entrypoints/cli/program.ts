import { Command } from 'commander';
import packageJson from '../../../package.json' with { type: 'json' };
import type { CliContext, CliStreams } from './cli-context.ts';
import { registerClientTransferCommands } from './clients-transfer.commands.ts';
import { registerClientCommands } from './clients.commands.ts';
import { registerDeadLettersCommand } from './dead-letters.command.ts';
import { registerDeliveryResendCommands } from './deliveries-resend.commands.ts';
import { registerDeliveryCommands } from './deliveries.commands.ts';
import { registerEnqueueCommands } from './enqueue.commands.ts';
import { registerNewsletterCommands } from './newsletters.commands.ts';
import { registerSendTestCommand } from './send-test.command.ts';
import { registerSuppressionCommands } from './suppressions.commands.ts';

const ENVIRONMENT_HELP = `
Configuration comes from the environment (and ./.env when present), as for the server:
DATA_DIR (default ./data) holds the embedded database and report pages the server uses.
Results go to stdout; a failure is one line on stderr. JSON log lines (stderr) only with --json
or when LOG_LEVEL is set.

Examples:
  cvt-whatsapp clients add 5792a7288ac8f35b0aa93bee 50660001234@c.us --name "Cliente Temporal"
  cvt-whatsapp clients import usuarioclientes.json
  cvt-whatsapp newsletters run
  cvt-whatsapp deliveries list --status failed
  cvt-whatsapp deliveries resend --status failed --since 2026-12-01T08:00:00Z --dry-run
  cvt-whatsapp deliveries show <id>
  cvt-whatsapp enqueue offline-report examples/offline-report/body.json --source examples/offline-report/informe.html
  echo '[{"nota":"n1","titulo":"Nota","cliente":"","correo":"50660001234@c.us"}]' | cvt-whatsapp enqueue offline-alert -
`;

/**
 * The command tree. Settings given to the root before any command is added (exit override, output)
 * are inherited by every command created from it with `.command()`.
 */
export function buildProgram(context: CliContext, streams: CliStreams): Command {
  const program = new Command('cvt-whatsapp')
    .description("Manage cvt-whatsapp on the embedded database: CVT's clients, newsletters, deliveries and queues")
    .version(packageJson.version)
    // Errors surface as exceptions, so the container is closed and the exit code decided in one place.
    .exitOverride()
    .configureOutput({ writeOut: (text) => void streams.stdout.write(text), writeErr: (text) => void streams.stderr.write(text) })
    .addHelpText('after', ENVIRONMENT_HELP);

  const clients = program.command('clients').description("Manage clients and their users (CVT's usuarioclientes)");
  registerClientCommands(clients, context);
  registerClientTransferCommands(clients, context);

  registerNewsletterCommands(program.command('newsletters').description('Meltwater newsletters'), context);
  const deliveries = program.command('deliveries').description('The record of every message');
  registerDeliveryCommands(deliveries, context);
  registerDeliveryResendCommands(deliveries, context);
  registerSuppressionCommands(program.command('suppressions').description('Numbers that asked to receive nothing (BAJA)'), context);
  registerSendTestCommand(program, context);
  registerEnqueueCommands(
    program.command('enqueue').description("Put a body on one of CVT's inbound queues, for runs without SQS"),
    context,
  );
  registerDeadLettersCommand(program, context);
  return program;
}
