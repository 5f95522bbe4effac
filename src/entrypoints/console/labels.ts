import type { Job } from '../../domain/deliveries/job.ts';
import { html, type SafeHtml } from './html.ts';

/** Spanish names of what the operator sees; unknown values (a status added later) show as they are. */
export const JOB_LABELS: Record<Job, string> = {
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

export function statusBadge(status: string): SafeHtml {
  return html`<span class="badge ${STATUS_TONE[status] ?? ''}">${STATUS_LABELS[status] ?? status}</span>`;
}
