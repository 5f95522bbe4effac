import { err, ok, type Result } from '../shared/result.ts';

/**
 * What reading a downloaded page found of a Meltwater newsletter's structure. Meltwater renders its
 * newsletters from XSLT templates into e-mail HTML: layout tables, links and images on Meltwater's
 * hosts (tracking redirects, its asset server, the unsubscribe page). Anything else that the
 * newsletter URL answers with (a login page, an error page, another site's menu) is not published.
 */
export interface NewsletterStructure {
  /** `<table>` elements in the body. */
  readonly layoutTables: number;
  /** Links and images whose address is on a Meltwater host, before any redirect is peeled. */
  readonly meltwaterReferences: number;
  /** News items found (headlines leading to articles). */
  readonly newsItems: number;
}

/** The structure of a Meltwater newsletter, or why the downloaded page is not one. */
export function checkMeltwaterNewsletter(structure: NewsletterStructure): Result<NewsletterStructure, string> {
  if (structure.newsItems === 0) return err('no news items found in the newsletter');
  if (structure.meltwaterReferences === 0) return err('not a Meltwater newsletter: no Meltwater link or image in the page');
  if (structure.layoutTables === 0) return err("not a Meltwater newsletter: no layout table, not Meltwater's structure");
  return ok(structure);
}

const ON_MELTWATER = /^\s*https?:\/\/(?:[^/?#@]*@)?(?:[a-z0-9-]+\.)*meltwater\.(?:com|net|io)\.?(?::\d+)?(?:[/?#]|$)/iu;

/** True for an address, as written in the page, on one of Meltwater's hosts. */
export function isOnMeltwater(address: string): boolean {
  return ON_MELTWATER.test(address);
}
