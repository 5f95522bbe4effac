import { createServer, type Socket } from 'node:net';
import { BSON, type Document } from 'mongodb';

/**
 * An empty MongoDB on 127.0.0.1, for what no real server can be here: it speaks the wire protocol as
 * documented (https://www.mongodb.com/docs/manual/reference/mongodb-wire-protocol/): the driver's first
 * `hello` in OP_QUERY answered by OP_REPLY, every later command in OP_MSG, a standalone server of wire
 * version 21 (MongoDB 7.0). It holds nothing: a find or an aggregate answers an empty cursor, a write
 * changes nothing and says so. Enough to prove that a bundle loads the driver, connects, describes the
 * process in its handshake and runs its commands; the MongoDB adapters' behaviour is the contract suites'
 * (test/contract, with MONGODB_URI).
 */
export interface EmptyMongod {
  readonly uri: string;
  /** Every command received, by name (`hello`, `find`, `createIndexes`…), in order. */
  readonly commands: readonly string[];
  /** How each connection's first `hello` described the client (its `client` document: application, driver, os…). */
  readonly clients: readonly Document[];
  close(): Promise<void>;
}

const OP_REPLY = 1;
const OP_QUERY = 2004;
const OP_MSG = 2013;
const HEADER_BYTES = 16;

export async function startEmptyMongod(): Promise<EmptyMongod> {
  const commands: string[] = [];
  const clients: Document[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const connectionId = ++connections;
    let pending = Buffer.alloc(0);
    socket.on('data', (data: Buffer) => {
      pending = Buffer.concat([pending, data]);
      while (pending.length >= HEADER_BYTES && pending.length >= pending.readInt32LE(0)) {
        const message = pending.subarray(0, pending.readInt32LE(0));
        pending = pending.subarray(message.length);
        const answer = answerTo(message, connectionId, { commands, clients });
        if (answer !== undefined) socket.write(answer);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    uri: `mongodb://127.0.0.1:${port}/controles?directConnection=true`,
    commands,
    clients,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

interface Recorded {
  readonly commands: string[];
  readonly clients: Document[];
}

function answerTo(message: Buffer, connectionId: number, record: Recorded): Buffer | undefined {
  const requestId = message.readInt32LE(4);
  const opCode = message.readInt32LE(12);
  if (opCode === OP_QUERY) {
    // flags, then the collection's full name (a C string), then numberToSkip and numberToReturn, then the query.
    const nameEnd = message.indexOf(0, HEADER_BYTES + 4);
    const query = BSON.deserialize(message.subarray(nameEnd + 1 + 8));
    const reply = BSON.serialize(commandAnswer(query, connectionId, record));
    const head = Buffer.alloc(HEADER_BYTES + 20);
    head.writeInt32LE(head.length + reply.length, 0);
    head.writeInt32LE(requestId, 8);
    head.writeInt32LE(OP_REPLY, 12);
    // responseFlags 0, cursorID 0, startingFrom 0, numberReturned 1.
    head.writeInt32LE(1, HEADER_BYTES + 16);
    return Buffer.concat([head, reply]);
  }
  if (opCode !== OP_MSG) return undefined;
  const flagBits = message.readUInt32LE(HEADER_BYTES);
  const end = flagBits & 1 ? message.length - 4 : message.length;
  let body: Document = {};
  const sequences: Record<string, Document[]> = {};
  for (let at = HEADER_BYTES + 4; at < end;) {
    const kind = message[at]!;
    if (kind === 0) {
      const size = message.readInt32LE(at + 1);
      body = BSON.deserialize(message.subarray(at + 1, at + 1 + size));
      at += 1 + size;
    } else {
      const size = message.readInt32LE(at + 1);
      const nameEnd = message.indexOf(0, at + 5);
      const identifier = message.subarray(at + 5, nameEnd).toString('utf8');
      const documents: Document[] = [];
      for (let doc = nameEnd + 1; doc < at + 1 + size; doc += message.readInt32LE(doc))
        documents.push(BSON.deserialize(message.subarray(doc, doc + message.readInt32LE(doc))));
      sequences[identifier] = documents;
      at += 1 + size;
    }
  }
  const reply = BSON.serialize(commandAnswer({ ...body, ...sequences }, connectionId, record));
  const head = Buffer.alloc(HEADER_BYTES + 5);
  head.writeInt32LE(head.length + reply.length, 0);
  head.writeInt32LE(requestId, 8);
  head.writeInt32LE(OP_MSG, 12);
  // flagBits 0, then one section of kind 0: the answer.
  return Buffer.concat([head, reply]);
}

function commandAnswer(command: Document, connectionId: number, record: Recorded): Document {
  const name = Object.keys(command)[0] ?? '';
  record.commands.push(name === 'ismaster' || name === 'isMaster' ? 'hello' : name);
  if (command['client'] !== undefined) record.clients.push(command['client'] as Document);
  const collection = String(command[name]);
  const database = String(command['$db'] ?? 'admin');
  switch (name) {
    case 'hello':
    case 'ismaster':
    case 'isMaster':
      return {
        helloOk: true,
        isWritablePrimary: true,
        ismaster: true,
        maxBsonObjectSize: 16 * 1024 * 1024,
        maxMessageSizeBytes: 48_000_000,
        maxWriteBatchSize: 100_000,
        localTime: new Date(),
        logicalSessionTimeoutMinutes: 30,
        connectionId,
        minWireVersion: 0,
        maxWireVersion: 21,
        readOnly: false,
        ok: 1,
      };
    case 'find':
    case 'aggregate':
    case 'listIndexes':
    case 'listCollections':
      return { cursor: { id: BSON.Long.ZERO, ns: `${database}.${collection}`, firstBatch: [] }, ok: 1 };
    case 'insert':
      return { n: (command['documents'] as Document[] | undefined)?.length ?? 0, ok: 1 };
    case 'update':
      return { n: 0, nModified: 0, ok: 1 };
    case 'delete':
      return { n: 0, ok: 1 };
    case 'findAndModify':
      return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
    case 'count':
      return { n: 0, ok: 1 };
    case 'createIndexes':
      return { numIndexesBefore: 1, numIndexesAfter: 1, note: 'all indexes already exist', ok: 1 };
    default:
      return { ok: 1 };
  }
}
