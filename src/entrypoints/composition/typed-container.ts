/**
 * The composition's container: tokens are the keys of a service map (`ServiceMap`), each bound once to a
 * constant or to a factory of other tokens; a value is built on its first `get` and shared from then on.
 * A missing binding or a cycle throws, naming the chain of keys that led to it. Modules are plain
 * functions that bind.
 */
export class TypedContainer<Services extends object> {
  readonly #bindings = new Map<keyof Services, Binding<Services>>();
  /** Keys whose value is being built, in order: the chain a missing binding or a cycle is reported with. */
  readonly #building: (keyof Services)[] = [];
  #closed = false;

  load(module: ContainerModule<Services>): void {
    module({
      bind: (key) => this.#binder(key),
      onDeactivation: (key, deactivate) => {
        const binding = this.#bindings.get(key);
        if (binding === undefined) throw new ContainerError(`${String(key)}: cannot watch its deactivation before it is bound`);
        binding.deactivations.push(deactivate as (value: unknown) => unknown);
      },
    });
  }

  /** Whether `key` has a binding (a process may leave a whole family out). */
  isBound(key: keyof Services): boolean {
    return this.#bindings.has(key);
  }

  get<Key extends keyof Services>(key: Key): Services[Key] {
    const binding = this.#bindings.get(key);
    if (binding === undefined)
      throw new ContainerError(this.#closed ? `${String(key)}: the container is closed` : `no binding for ${this.#chainTo(key)}`);
    if (binding.built) return binding.value as Services[Key];
    if (this.#building.includes(key)) throw new ContainerError(`dependency cycle: ${this.#chainTo(key)}`);
    this.#building.push(key);
    try {
      // A factory that throws leaves nothing behind: the next `get` tries again.
      binding.value = binding.create(this.#context);
      binding.built = true;
      return binding.value as Services[Key];
    } finally {
      this.#building.pop();
    }
  }

  /**
   * Runs the deactivation of every value that was built (a value never asked for has nothing to close),
   * started in the order of the bindings, all awaited even if one fails; then the container is empty.
   */
  async close(): Promise<void> {
    const bindings = [...this.#bindings.values()];
    this.#bindings.clear();
    this.#closed = true;
    const results = await Promise.allSettled(
      bindings.flatMap((binding) => (binding.built ? binding.deactivations.map(async (deactivate) => deactivate(binding.value)) : [])),
    );
    const failure = results.find((result) => result.status === 'rejected');
    if (failure !== undefined) throw failure.reason;
  }

  readonly #context: ResolutionContext<Services> = { get: (key) => this.get(key) };

  #binder<Key extends keyof Services>(key: Key): BindingTo<Services, Key> {
    const bind = (create: (context: ResolutionContext<Services>) => Services[Key]): void => {
      if (this.#bindings.has(key)) throw new ContainerError(`${String(key)} is bound twice`);
      this.#bindings.set(key, { create, built: false, value: undefined, deactivations: [] });
    };
    return {
      toConstantValue: (value) => bind(() => value),
      toDynamicValue: (create) => bind(create),
      toResolvedValue: (create, dependencies = [] as never) =>
        bind((context) => create(...(dependencies.map((dependency) => context.get(dependency)) as never))),
    };
  }

  #chainTo(key: keyof Services): string {
    return [...this.#building, key].map(String).join(' → ');
  }
}

/** A group of bindings, loaded into a container at once. */
export type ContainerModule<Services extends object> = (binder: Binder<Services>) => void;

interface Binder<Services extends object> {
  bind<Key extends keyof Services>(key: Key): BindingTo<Services, Key>;
  /** Called on `close` with the value, if it was ever built. */
  onDeactivation<Key extends keyof Services>(key: Key, deactivate: (value: Services[Key]) => unknown): void;
}

export interface BindingTo<Services extends object, Key extends keyof Services> {
  toConstantValue(value: Services[Key]): void;
  /** `create` reaches other bindings itself, when it runs (or later, through the context it keeps). */
  toDynamicValue(create: (context: ResolutionContext<Services>) => Services[Key]): void;
  /** `create` is called with the values of `dependencies`, in order. */
  toResolvedValue<const Dependencies extends readonly (keyof Services)[] = []>(
    create: (...values: ValuesOf<Services, Dependencies>) => Services[Key],
    dependencies?: Dependencies,
  ): void;
}

export interface ResolutionContext<Services extends object> {
  get<Key extends keyof Services>(key: Key): Services[Key];
}

type ValuesOf<Services extends object, Keys extends readonly (keyof Services)[]> = {
  -readonly [Index in keyof Keys]: Services[Keys[Index]];
};

/** A composition mistake (a binding missing, twice, or in a cycle): a bug, never an expected failure. */
export class ContainerError extends Error {
  override readonly name = 'ContainerError';
}

interface Binding<Services extends object> {
  readonly create: (context: ResolutionContext<Services>) => unknown;
  built: boolean;
  value: unknown;
  readonly deactivations: ((value: unknown) => unknown)[];
}
