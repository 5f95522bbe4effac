import express from 'express';

/**
 * The baseline of the webhook benchmark: a bare Express app answering "hello" to every request, on
 * the same machine, so that the server's figure says what its own work costs on top of Express and
 * Node's HTTP. It prints its address the way the service's banner does.
 */
const app = express();
app.use((_request, response) => {
  response.send('hello');
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  process.stderr.write(`hello is listening on http://127.0.0.1:${port}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
