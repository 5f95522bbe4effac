import * as z from 'zod';
import { baseUrlSetting, templatesSetting, tokenSetting } from '../provider-support/settings.ts';

/**
 * Demo's HSM notifications (docs/contracts/providers/demo.md). The article's own curl calls the API over
 * plain http; whether https works is not documented, so the default keeps the article's URL.
 */
const DEFAULT_DEMO_BASE_URL = 'http://technical-solutions-api.demo.com';

const EXAMPLE = '{"offline-alert": {"template": "7", "params": {"titulo": "titulo", "link": "link"}}, …} with one entry per job';

export const demoConfigSchema = z.object({
  DEMO_BASE_URL: baseUrlSetting()
    .default(DEFAULT_DEMO_BASE_URL)
    .describe("Demo's technical-solutions API; the help-centre article calls it over http."),
  DEMO_API_KEY: tokenSetting({ missing: 'must be set: the company API key Demo support gives (hola@demo.com)' }).describe(
    'Company API key, sent in the apikey header.',
  ),
  DEMO_WEBSITE_ID: z
    .string({ error: 'must be set: the id of the Demo channel (website) that owns the templates' })
    .regex(/^[A-Za-z0-9_-]+$/u, 'must be the id of a Demo website, such as 64652663e65219005dc61bd6')
    .describe('Id of the Demo channel (website) whose HSM templates are used.'),
  // Demo's params are named: each key is one of the template's variable names in HSM Manager.
  DEMO_TEMPLATES: templatesSetting({ positional: false, example: EXAMPLE, missing: `must be set: JSON such as ${EXAMPLE}` }).describe(
    'JSON: per job, the HSM Manager template id, its named params (template variable → message variable) and optional media {type, link, filename}.',
  ),
});
export type DemoConfig = z.infer<typeof demoConfigSchema>;
