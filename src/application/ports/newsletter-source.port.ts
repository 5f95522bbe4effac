import type { Result } from '../../domain/shared/result.ts';

export interface NewsletterFetchFailure {
  readonly reason: string;
}

/** Downloads the published HTML of a Meltwater newsletter distribution. */
export interface NewsletterSource {
  fetch(distributionId: string): Promise<Result<string, NewsletterFetchFailure>>;
}
