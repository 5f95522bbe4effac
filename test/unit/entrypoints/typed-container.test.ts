import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ContainerError, TypedContainer, type ContainerModule } from '../../../src/entrypoints/composition/typed-container.ts';

type Services = Record<string, unknown>;

/** A random acyclic graph: key i may depend only on keys before it. */
const acyclicGraph = fc
  .integer({ min: 1, max: 12 })
  .chain((size) =>
    fc.tuple(
      ...Array.from({ length: size }, (_, index) =>
        fc.uniqueArray(fc.integer({ min: 0, max: Math.max(0, index - 1) }), { maxLength: index }),
      ),
    ),
  );

/** Binds key `k<i>` to a factory of its dependencies that counts its calls and records what it was given. */
function bindGraph(graph: readonly (readonly number[])[]) {
  const calls = graph.map(() => 0);
  const module: ContainerModule<Services> = ({ bind }) =>
    graph.forEach((dependencies, index) =>
      bind(`k${index}`).toResolvedValue(
        (...values: unknown[]) => {
          calls[index]!++;
          return { key: `k${index}`, dependencies: values };
        },
        dependencies.map((dependency) => `k${dependency}`),
      ),
    );
  return { module, calls };
}

describe('the composition container', () => {
  test.prop([acyclicGraph, fc.array(fc.nat(), { maxLength: 30 })])(
    'any acyclic graph resolves each key once, each with the values of its dependencies, whatever the order of lookups',
    (graph, lookups) => {
      const { module, calls } = bindGraph(graph);
      const container = new TypedContainer<Services>();
      container.load(module);
      const order = [...lookups.map((lookup) => lookup % graph.length), ...graph.keys()];
      const first = new Map(order.map((index) => [index, container.get(`k${index}`)]));
      for (const index of order) expect(container.get(`k${index}`)).toBe(first.get(index));
      expect(calls).toEqual(graph.map(() => 1));
      graph.forEach((dependencies, index) => {
        expect(container.get(`k${index}`)).toEqual({
          key: `k${index}`,
          dependencies: dependencies.map((dependency) => container.get(`k${dependency}`)),
        });
      });
    },
  );

  test.prop([fc.integer({ min: 1, max: 8 }), fc.nat()])('a cycle is reported with the chain of keys that closes it', (length, start) => {
    const container = new TypedContainer<Services>();
    // k0 → k1 → … → k<length-1> → k0
    container.load(({ bind }) => {
      for (let index = 0; index < length; index++)
        bind(`k${index}`).toResolvedValue((value: unknown) => value, [`k${(index + 1) % length}`]);
    });
    const first = start % length;
    const chain = [...Array.from({ length }, (_, step) => `k${(first + step) % length}`), `k${first}`].join(' → ');
    expect(() => container.get(`k${first}`)).toThrow(new ContainerError(`dependency cycle: ${chain}`));
  });

  it('names the chain that led to a missing binding', () => {
    const container = new TypedContainer<Services>();
    container.load(({ bind }) => {
      bind('dispatchDelivery').toResolvedValue((messaging: unknown) => messaging, ['messaging']);
      bind('messaging').toResolvedValue((router: unknown) => router, ['providerRouter']);
    });
    expect(() => container.get('dispatchDelivery')).toThrow(
      new ContainerError('no binding for dispatchDelivery → messaging → providerRouter'),
    );
  });

  it('says whether a key is bound, without building its value', () => {
    let built = 0;
    const container = new TypedContainer<Services>();
    container.load(({ bind }) => bind('database').toResolvedValue(() => ++built));
    expect([container.isBound('database'), container.isBound('clock'), built]).toEqual([true, false, 0]);
  });

  it('refuses a key bound twice', () => {
    const container = new TypedContainer<Services>();
    container.load(({ bind }) => bind('clock').toConstantValue(1));
    expect(() => container.load(({ bind }) => bind('clock').toConstantValue(2))).toThrow(new ContainerError('clock is bound twice'));
  });

  it('lets a factory that failed try again on the next lookup, with its own error', () => {
    let attempts = 0;
    const container = new TypedContainer<Services>();
    container.load(({ bind }) =>
      bind('database').toResolvedValue(() => {
        attempts++;
        if (attempts === 1) throw new Error('disk full');
        return 'open';
      }),
    );
    expect(() => container.get('database')).toThrow('disk full');
    expect(container.get('database')).toBe('open');
  });

  it('gives a dynamic value a context to reach other bindings later, and a constant is what was bound', () => {
    const container = new TypedContainer<Services>();
    const config = { level: 'info' };
    container.load(({ bind }) => {
      bind('config').toConstantValue(config);
      bind('later').toDynamicValue((context) => () => context.get('late'));
    });
    const later = container.get('later') as () => unknown;
    container.load(({ bind }) => bind('late').toConstantValue('bound afterwards'));
    expect(container.get('config')).toBe(config);
    expect(later()).toBe('bound afterwards');
  });

  it('on close, deactivates only what was built, every one even if one fails, and is empty afterwards', async () => {
    const closed: string[] = [];
    const container = new TypedContainer<Services>();
    container.load(({ bind, onDeactivation }) => {
      for (const key of ['a', 'b', 'c']) {
        bind(key).toConstantValue(key);
        onDeactivation(key, (value) => {
          closed.push(value as string);
          if (value === 'a') throw new Error('a would not close');
        });
      }
    });
    container.get('a');
    container.get('c');
    await expect(container.close()).rejects.toThrow('a would not close');
    expect(closed).toEqual(['a', 'c']);
    expect(() => container.get('a')).toThrow(new ContainerError('a: the container is closed'));
  });

  it('checks a binding against the service map at compile time', () => {
    const container = new TypedContainer<{ port: number; host: string; url: string }>();
    container.load(({ bind }) => {
      bind('port').toConstantValue(8080);
      bind('host').toConstantValue('127.0.0.1');
      bind('url').toResolvedValue((host: string, port: number) => `http://${host}:${port}`, ['host', 'port']);
    });
    expect(container.get('url')).toBe('http://127.0.0.1:8080');
    const typeMistakes: ContainerModule<{ port: number; host: string; url: string }> = ({ bind }) => {
      // @ts-expect-error: the dependencies' values come in the order of their keys
      bind('url').toResolvedValue((port: number, host: string) => `http://${host}:${port}`, ['host', 'port']);
      // @ts-expect-error: a value of another type than the map's
      bind('port').toConstantValue('8080');
      // @ts-expect-error: a key the map does not have
      bind('missing').toConstantValue(1);
    };
    expect(typeMistakes).toBeTypeOf('function');
  });
});
