/** The part of an Ajv error this needs (Fastify puts them in `error.validation`). */
export interface SchemaError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
}

const TYPES: Readonly<Record<string, string>> = {
  integer: 'un nombre entier',
  number: 'un nombre',
  string: 'un texte',
  object: 'un objet',
  array: 'une liste',
  boolean: 'vrai ou faux',
  null: 'null',
};

/** "/counts/language/fr" → "counts.language.fr"; the whole body is "Le lot". */
const fieldOf = (instancePath: string) => (instancePath === '' ? 'Le lot' : `« ${instancePath.slice(1).replaceAll('/', '.')} »`);
const child = (instancePath: string, name: unknown) => `« ${[...instancePath.split('/').slice(1), String(name)].join('.')} »`;

/**
 * The first schema error of a refused batch, in French, for the mediator who will read it on the device. Names the
 * field; never repeats the value sent.
 */
export function describeValidationError(errors: readonly SchemaError[]): string {
  const error = errors[0];
  if (!error) return 'Le lot ne respecte pas le format attendu.';
  const field = fieldOf(error.instancePath);
  const { params } = error;
  switch (error.keyword) {
    case 'required':
      return `Champ manquant : ${child(error.instancePath, params.missingProperty)}.`;
    case 'additionalProperties':
      return `Champ inconnu : ${child(error.instancePath, params.additionalProperty)}.`;
    case 'type': {
      // A union ("object" or "null": a group the device may withhold) is said in full.
      const types = (Array.isArray(params.type) ? params.type : String(params.type).split(',')) as string[];
      return `${field} doit être ${types.map((type) => TYPES[type] ?? type).join(' ou ')}.`;
    }
    case 'minimum':
      return `${field} doit valoir au moins ${String(params.limit)}.`;
    case 'maximum':
      return `${field} ne peut pas dépasser ${String(params.limit)}.`;
    case 'const':
      return `${field} doit valoir ${JSON.stringify(params.allowedValue)} (version du format des lots).`;
    case 'enum':
      if (error.instancePath === '/format') {
        return `${field} doit valoir ${(params.allowedValues as unknown[]).join(' ou ')} (version du format des lots).`;
      }
      return `${field} doit être l'une de ces valeurs : ${(params.allowedValues as unknown[]).join(', ')}.`;
    case 'pattern':
      return `${field} n'a pas la forme attendue (voir docs/API.md).`;
    default:
      return `${field} ne respecte pas le format attendu.`;
  }
}
