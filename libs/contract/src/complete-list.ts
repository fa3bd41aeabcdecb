/**
 * Compiles only when nothing is missing. Beside a name list typed `satisfies readonly Name[]`
 * (which refuses a name the map does not have), `type _All = NoneMissing<Exclude<Name, Listed>>`
 * refuses a list that forgets one: "Type '"x"' does not satisfy the constraint 'never'".
 */
export type NoneMissing<Missing extends never> = Missing;
