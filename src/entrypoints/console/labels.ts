import type { Job } from '../../domain/deliveries/job.ts';
import { html, type SafeHtml } from './html.ts';

/** Spanish names of what the operator sees; unknown values (a status added later) show as they are. */
const JOB_LABELS: Record<Job, string> = {
  'meltwater-alert': 'Alertas Meltwater',
  'meltwater-newsletter': 'Boletines Meltwater',
  'offline-report': 'Informes offline',
  'offline-alert': 'Alertas offline',
};

export const STATUS_LABELS: Record<string, string> = {
  queued: 'En cola',
  waiting: 'En espera',
  sending: 'Enviando',
  sent: 'Enviado',
  delivered: 'Entregado',
  read: 'Leído',
  failed: 'Fallido',
  expired: 'Vencido',
};

const STATUS_TONE: Record<string, 'ok' | 'warn' | 'bad' | ''> = {
  queued: '',
  waiting: 'warn',
  sending: '',
  sent: 'ok',
  delivered: 'ok',
  read: 'ok',
  failed: 'bad',
  expired: 'bad',
};

export function jobLabel(job: string): string {
  return (JOB_LABELS as Record<string, string>)[job] ?? job;
}

/** A queued delivery that waits for its provider is shown as waiting, which is what the operator needs to know. */
export function deliveryBadge(delivery: { readonly status: string; readonly waitingFor?: string | null }): SafeHtml {
  return statusBadge(delivery.status === 'queued' && delivery.waitingFor != null ? 'waiting' : delivery.status);
}

function statusBadge(status: string): SafeHtml {
  return html`<span class="badge ${STATUS_TONE[status] ?? ''}">${STATUS_LABELS[status] ?? status}</span>`;
}

const PHONE_REASONS: Record<string, string> = {
  'the number is empty': 'el número está vacío',
  'the number contains characters other than digits, spaces, dashes, dots, parentheses or a leading +':
    'el número tiene caracteres que no son dígitos, espacios, guiones, puntos, paréntesis o un + inicial',
  'the number is too short': 'el número es demasiado corto',
  'the number is longer than 15 digits': 'el número tiene más de 15 dígitos',
  'a country code cannot start with 0': 'un código de país no puede empezar con 0',
  'not a valid number for its country': 'no es un número válido para su país',
};

const USER_REASONS: Record<string, string> = {
  'not a string': 'no es un texto',
  'invalid Meltwater distribution id: expected 24 hexadecimal characters':
    'id de distribución de Meltwater inválido: se esperan 24 caracteres hexadecimales',
  'not a WhatsApp id (<number>@c.us), a Meltwater distribution (<id>@meltwater.com) or an e-mail address':
    'no es un id de WhatsApp (<número>@c.us), una distribución de Meltwater (<id>@meltwater.com) ni un correo',
};

/** Why a `usuarioclientes` entry was rejected, in Spanish (the API answers the domain's English sentence). */
export function rejectionReason(reason: string): string {
  const phone = /^invalid WhatsApp number: (.*)$/u.exec(reason);
  if (phone !== null) return `número de WhatsApp inválido: ${PHONE_REASONS[phone[1]!] ?? phone[1]!}`;
  return USER_REASONS[reason] ?? reason;
}
