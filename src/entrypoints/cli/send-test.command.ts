import type { Command } from 'commander';
import { maskPhone, maskPhonesInText } from '../../domain/phone/masking.ts';
import { parsePhoneNumber } from '../../domain/phone/phone-number.ts';
import type { CliContext } from './cli-context.ts';

const DEFAULT_TEXT = 'Mensaje de prueba de cvt-whatsapp.';

/** `send-test`: one message straight through the configured provider, to check its settings. */
export function registerSendTestCommand(program: Command, context: CliContext): void {
  program
    .command('send-test')
    .summary('Send one test message through the configured provider')
    .description(
      'Send one test message through the configured WhatsApp provider, now and outside the delivery record; exits with 1 when it fails',
    )
    .argument('<phone>', 'the recipient: 60001234, +50660001234 or 50660001234@c.us')
    .argument('[text]', 'the message', DEFAULT_TEXT)
    .option('--json', 'print the outcome as JSON')
    .action(async (phone: string, text: string, options: { json?: boolean }) => {
      const services = await context.services();
      // The WhatsApp id form is accepted too, as it is written in usuarioclientes.
      const number = phone.trim().replace(/@c\.us$/iu, '');
      // Shown as it will be sent (+506****8888), not as typed, when the number is valid.
      const parsed = parsePhoneNumber(number, services.get('config').DEFAULT_COUNTRY_CODE);
      const recipient = maskPhone(parsed.ok ? parsed.value : number);
      const result = await services.get('sendTestMessage').execute(number, text);
      if (result.ok) {
        // WhatsApp Web message ids embed the recipient's number.
        const messageId = result.value.providerMessageId === null ? null : maskPhonesInText(result.value.providerMessageId);
        if (options.json) context.printJson({ sent: true, recipient, provider: result.value.provider, messageId });
        else context.print(`sent through ${result.value.provider} to ${recipient}, message id ${messageId ?? '(none)'}`);
        return;
      }
      const failure = { kind: result.error.kind, message: maskPhonesInText(result.error.message) };
      if (options.json) context.printJson({ sent: false, recipient, provider: services.get('messaging').provider, ...failure });
      else context.note(`error: not sent to ${recipient} (${failure.kind}): ${failure.message}`);
      context.fail();
    });
}
