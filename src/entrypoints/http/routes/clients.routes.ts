import express, { Router } from 'express';
import { parseClientId } from '../../../domain/clients/client-id.ts';
import { clientUpdateSchema } from '../../contracts/admin.schema.ts';
import { describeIssues } from '../../contracts/parse-json.ts';
import { errorResponse, MAX_BODY_BYTES } from '../../shared/http-errors.ts';
import type { HttpDependencies } from '../http-dependencies.ts';
import { presentClient } from '../../shared/presenters.ts';
import { sendResponse } from '../send-response.ts';

/** `GET /api/clients`, `GET /api/clients/:id`, `PUT /api/clients/:id` (the embedded store). */
export function clientsRoutes(deps: HttpDependencies): Router {
  const router = Router();
  router.get('/api/clients', async (_request, response) => {
    const clients = await deps.manageClients.list();
    response.json({ items: clients.map(presentClient) });
  });

  router.get('/api/clients/:id', async (request, response) => {
    const id = parseClientId(String(request.params['id']));
    if (id === undefined) return sendResponse(response, errorResponse('invalid_client_id'));
    const client = await deps.manageClients.get(id);
    if (client === undefined) return sendResponse(response, errorResponse('client_not_found'));
    response.json(presentClient(client));
  });

  router.put('/api/clients/:id', express.json({ limit: MAX_BODY_BYTES, type: () => true }), async (request, response) => {
    const id = parseClientId(String(request.params['id']));
    if (id === undefined) return sendResponse(response, errorResponse('invalid_client_id'));
    const body = clientUpdateSchema.safeParse(request.body);
    if (!body.success) return sendResponse(response, errorResponse('invalid_body', describeIssues(body.error)));
    const provider = body.data.provider;
    if (provider !== undefined && provider !== null && !deps.providers.includes(provider)) {
      return sendResponse(
        response,
        errorResponse('invalid_body', `provider: ${provider} is not configured here (configured: ${deps.providers.join(', ')})`),
      );
    }
    const client = await deps.manageClients.replace(id, body.data);
    if (!client.ok) return sendResponse(response, errorResponse('read_only_directory'));
    response.json(presentClient(client.value));
  });
  return router;
}
