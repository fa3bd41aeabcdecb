import { getMetadataStorage, type MetadataStorage } from 'class-validator';

type Rules = ReturnType<MetadataStorage['getTargetValidationMetadatas']>;
type Target = Parameters<MetadataStorage['getTargetValidationMetadatas']>[0];
/** The storage's own methods, kept while the cache is installed so it can be taken out again. */
type Own = Pick<
  MetadataStorage,
  'getTargetValidationMetadatas' | 'groupByPropertyName' | 'addValidationMetadata' | 'addConstraintMetadata'
>;
const installed = Symbol.for('patrolshield.validationMetadataCache');
type Flagged = MetadataStorage & { [installed]?: Own };
let version = 0;

/** Changes whenever a rule or constraint is registered once the cache is installed, and on install. */
export const validationRulesVersion = (): number => version;

/**
 * Fast path (docs/fast-path.md, "validation metadata cache"). class-validator looks up a class's
 * rules on every validate() call: it walks every class that has rules (an `instanceof` each, for
 * inherited rules), filters them and groups them by property. With all of the product's DTOs
 * loaded that is about a sixth of the ValidationPipe's time for `update_location`, the most
 * frequent message (24 -> 20 us per payload, measured). Rules are registered by decorators while
 * modules load, so the lookup is remembered per class and options, and the whole cache is dropped
 * whenever a rule is added. The answers are the arrays class-validator itself built; its validator
 * only reads them. The storage is global (one per process), so this patches it in place.
 */
export function cacheValidationMetadataLookups(storage: MetadataStorage = getMetadataStorage()): void {
  const flagged = storage as Flagged;
  if (flagged[installed]) return;
  const own: Own = {
    getTargetValidationMetadatas: storage.getTargetValidationMetadatas,
    groupByPropertyName: storage.groupByPropertyName,
    addValidationMetadata: storage.addValidationMetadata,
    addConstraintMetadata: storage.addConstraintMetadata,
  };
  flagged[installed] = own;
  version++; // rules added while it was out are unseen by anything compiled before

  const lookup = own.getTargetValidationMetadatas.bind(storage);
  const group = own.groupByPropertyName.bind(storage);
  const add = own.addValidationMetadata.bind(storage);
  const addConstraint = own.addConstraintMetadata.bind(storage);
  let byTarget = new WeakMap<Target, Map<string, Rules>>();
  let grouped = new WeakMap<Rules, Record<string, Rules>>();

  storage.addValidationMetadata = (metadata) => {
    byTarget = new WeakMap();
    grouped = new WeakMap();
    version++;
    add(metadata);
  };
  storage.addConstraintMetadata = (metadata) => {
    version++;
    addConstraint(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    if (typeof target !== 'function') return lookup(target, schema, always, strictGroups, groups);
    const key = `${schema ?? ''}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0001') ?? '-'}`;
    let forTarget = byTarget.get(target);
    if (!forTarget) byTarget.set(target, (forTarget = new Map()));
    let rules = forTarget.get(key);
    if (!rules) {
      rules = lookup(target, schema, always, strictGroups, groups);
      forTarget.set(key, rules);
      grouped.set(rules, group(rules));
    }
    return rules;
  };
  // Only the remembered arrays are answered from the cache; any other caller's array is grouped.
  storage.groupByPropertyName = (rules) => grouped.get(rules) ?? group(rules);
}

/** Puts class-validator's own lookups back (FAST_PATH=off); a no-op when the cache is not installed. */
export function uncacheValidationMetadataLookups(storage: MetadataStorage = getMetadataStorage()): void {
  const flagged = storage as Flagged;
  const own = flagged[installed];
  if (!own) return;
  for (const key of Object.keys(own) as (keyof Own)[]) {
    delete (storage as Partial<Own>)[key]; // the prototype's method shows through again
    if (storage[key] !== own[key]) Object.assign(storage, { [key]: own[key] });
  }
  delete flagged[installed];
}
