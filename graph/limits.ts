/**
 * Request limits for /graphql and in-process operations alike: depth, estimated cost, query size,
 * aliases (validation rules), and batch size (checked on the HTTP body before Apollo sees it).
 *
 * The cost is an estimate, not a measurement: every object field costs 1, times the size of the
 * list it is in. A list's size is its `limit`/`first` argument (or the argument's default), 1 when
 * filtered by `id: { eq }`, else the `@limit(default:)` of the listed type (LIST_SIZE_BY_TYPE),
 * else `defaultListSize`. Validation rules cannot see variables, so `costPlugin` re-checks with
 * the real variable values once the operation is known.
 */
import type {
  ASTVisitor,
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLCompositeType,
  GraphQLField,
  GraphQLSchema,
  OperationDefinitionNode,
  SelectionSetNode,
  ValidationContext,
  ValidationRule,
  ValueNode
} from 'graphql';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  valueFromASTUntyped
} from './graphql-js.ts';

export const LIMITS = {
  maxDepth: 10,
  maxCost: 5_000,
  maxQueryLength: 10_000,
  maxAliases: 30,
  maxBatch: 5,
  /** Assumed size of a list whose size the query does not state. */
  defaultListSize: 20,
  /** Whole HTTP body (a batch of queries plus variables). */
  maxBodyBytes: 100_000
} as const;

/**
 * How many items a list of these types holds when the query does not say: their `@limit(default:)`
 * in graph/*.graphql (a unit test keeps the two in step). Other lists count as defaultListSize.
 */
export const LIST_SIZE_BY_TYPE: Readonly<Record<string, number>> = {
  Agency: 200,
  Client: 100,
  Practitioner: 100
};

type Variables = Record<string, unknown>;

function limitError(message: string, node?: FieldNode | OperationDefinitionNode): GraphQLError {
  return new GraphQLError(message, {
    nodes: node ? [node] : undefined,
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } }
  });
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }
  return fragments;
}

/** Introspection (`__schema`, `__type`, `__typename`) is neither deep nor costly to answer. */
function isIntrospectionField(field: FieldNode): boolean {
  return field.name.value.startsWith('__');
}

/** Deepest chain of fields, fragments expanded (a fragment already on the path counts as 0). */
export function queryDepth(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  visiting: Set<string> = new Set()
): number {
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    let depth = 0;
    if (selection.kind === Kind.FIELD) {
      if (isIntrospectionField(selection)) continue;
      depth =
        1 + (selection.selectionSet ? queryDepth(selection.selectionSet, fragments, visiting) : 0);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      depth = queryDepth(selection.selectionSet, fragments, visiting);
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment || visiting.has(name)) continue;
      visiting.add(name);
      depth = queryDepth(fragment.selectionSet, fragments, visiting);
      visiting.delete(name);
    }
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}

function argumentValue(field: FieldNode, name: string, variables: Variables | undefined): unknown {
  const argument = field.arguments?.find((a) => a.name.value === name);
  if (!argument) return undefined;
  return valueOf(argument.value, variables);
}

function valueOf(node: ValueNode, variables: Variables | undefined): unknown {
  if (node.kind === Kind.VARIABLE) return variables?.[node.name.value];
  return valueFromASTUntyped(node, variables);
}

/** True when the field is filtered to one node by `where: { id: { eq: ... } }`. */
function filtersById(field: FieldNode): boolean {
  const where = field.arguments?.find((a) => a.name.value === 'where')?.value;
  if (where?.kind !== Kind.OBJECT) return false;
  const id = where.fields.find((f) => f.name.value === 'id')?.value;
  return id?.kind === Kind.OBJECT && id.fields.some((f) => f.name.value === 'eq');
}

function listSize(
  field: FieldNode,
  definition: GraphQLField<unknown, unknown>,
  itemType: string,
  variables: Variables | undefined
): number {
  if (filtersById(field)) return 1;
  for (const name of ['limit', 'first']) {
    const given = argumentValue(field, name, variables);
    const fallback = definition.args.find((a) => a.name === name)?.defaultValue;
    const size = typeof given === 'number' ? given : fallback;
    if (typeof size === 'number' && Number.isFinite(size)) return Math.max(1, Math.floor(size));
  }
  return LIST_SIZE_BY_TYPE[itemType] ?? LIMITS.defaultListSize;
}

/** A Relay-style connection: its size comes from `first`, and its `edges` are that list. */
function isConnectionType(type: GraphQLCompositeType): boolean {
  return isObjectType(type) && type.name.endsWith('Connection') && 'edges' in type.getFields();
}

function selectionCost(
  selectionSet: SelectionSetNode,
  parentType: GraphQLCompositeType,
  context: CostContext
): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      total += fieldCost(selection, parentType, context);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition
        ? context.schema.getType(selection.typeCondition.name.value)
        : parentType;
      if (condition && isCompositeType(condition)) {
        total += selectionCost(selection.selectionSet, condition, context);
      }
    } else {
      const name = selection.name.value;
      const fragment = context.fragments.get(name);
      if (!fragment || context.visiting.has(name)) continue;
      const condition = context.schema.getType(fragment.typeCondition.name.value);
      if (!condition || !isCompositeType(condition)) continue;
      context.visiting.add(name);
      total += selectionCost(fragment.selectionSet, condition, context);
      context.visiting.delete(name);
    }
    if (total > context.stopAbove) return total;
  }
  return total;
}

function fieldCost(
  field: FieldNode,
  parentType: GraphQLCompositeType,
  context: CostContext
): number {
  if (isIntrospectionField(field) || !field.selectionSet) return 0;
  if (!isObjectType(parentType) && !isInterfaceType(parentType)) return 0;
  const definition = parentType.getFields()[field.name.value];
  if (!definition) return 0;
  const namedType = getNamedType(definition.type);
  if (!isCompositeType(namedType)) return 0;
  const isList = isListType(getNullableType(definition.type));
  let multiplier = 1;
  if (field.name.value === 'edges' && isConnectionType(parentType)) multiplier = 1;
  else if (isList || isConnectionType(namedType))
    multiplier = listSize(field, definition, namedType.name, context.variables);
  return multiplier * (1 + selectionCost(field.selectionSet, namedType, context));
}

interface CostContext {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Variables | undefined;
  visiting: Set<string>;
  /** Stops adding up once the answer is clearly "too much" (keeps hostile queries cheap). */
  stopAbove: number;
}

/** Estimated cost of one operation; `variables` are used when known. */
export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables?: Variables
): number {
  const rootType =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!rootType) return 0;
  // A variable's default in the operation applies when the request does not give it.
  const defaults: Variables = {};
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) {
      defaults[definition.variable.name.value] = valueFromASTUntyped(definition.defaultValue);
    }
  }
  return selectionCost(operation.selectionSet, rootType, {
    schema,
    fragments: fragmentsOf(document),
    variables: { ...defaults, ...variables },
    visiting: new Set(),
    stopAbove: LIMITS.maxCost * 1_000
  });
}

export function maxDepthRule(maxDepth: number = LIMITS.maxDepth): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const depth = queryDepth(operation.selectionSet, fragmentsOf(context.getDocument()));
      if (depth > maxDepth) {
        context.reportError(
          limitError(`Query is too deep: ${depth} levels, at most ${maxDepth} allowed.`, operation)
        );
      }
    }
  });
}

export function maxCostRule(maxCost: number = LIMITS.maxCost): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const cost = estimateCost(context.getSchema(), context.getDocument(), operation);
      if (cost > maxCost) {
        context.reportError(
          limitError(`Query is too costly: about ${cost}, at most ${maxCost} allowed.`, operation)
        );
      }
    }
  });
}

export function maxQueryLengthRule(maxLength: number = LIMITS.maxQueryLength): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    Document(document) {
      const length = document.loc?.source.body.length ?? 0;
      if (length > maxLength) {
        context.reportError(
          limitError(`Query is too long: ${length} characters, at most ${maxLength} allowed.`)
        );
      }
    }
  });
}

export function maxAliasesRule(maxAliases: number = LIMITS.maxAliases): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    return {
      Field(field) {
        if (field.alias) aliases += 1;
      },
      Document: {
        leave() {
          if (aliases > maxAliases) {
            context.reportError(
              limitError(`Too many aliases: ${aliases}, at most ${maxAliases} allowed.`)
            );
          }
        }
      }
    };
  };
}

/** Arguments that size or page a list: a whole number, 0 or more, never null. */
export const PAGING_ARGUMENTS: readonly string[] = ['limit', 'offset', 'first'];

function badInput(message: string, node?: FieldNode): GraphQLError {
  return new GraphQLError(message, {
    nodes: node ? [node] : undefined,
    extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } }
  });
}

/**
 * The first paging argument (PAGING_ARGUMENTS) in the operation, fragments included, that is
 * null or negative, as an error for the caller; null when all are fine. Without `variables`
 * (validation) an argument given as a variable is skipped: costPlugin checks it with the values.
 * One rule for every list, generated or hand-written: a negative SKIP or LIMIT reached Cypher and
 * came back as an internal error.
 */
export function pagingArgumentProblem(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables?: Variables
): GraphQLError | null {
  const fragments = fragmentsOf(document);
  const visiting = new Set<string>();
  const defaults: Variables = {};
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) {
      defaults[definition.variable.name.value] = valueFromASTUntyped(definition.defaultValue);
    }
  }
  const walk = (selectionSet: SelectionSetNode): GraphQLError | null => {
    for (const selection of selectionSet.selections) {
      let inner: SelectionSetNode | undefined;
      if (selection.kind === Kind.FIELD) {
        for (const argument of selection.arguments ?? []) {
          if (!PAGING_ARGUMENTS.includes(argument.name.value)) continue;
          if (argument.value.kind === Kind.VARIABLE) {
            if (!variables) continue;
            const name = argument.value.name.value;
            // A variable left out takes the operation's default, else the argument's own.
            if (!(name in variables) && !(name in defaults)) continue;
          }
          const value = valueOf(argument.value, variables ? { ...defaults, ...variables } : {});
          const label = `${selection.name.value}(${argument.name.value})`;
          if (value === null) return badInput(`${label} must be a number, not null.`, selection);
          if (typeof value === 'number' && (value < 0 || !Number.isInteger(value))) {
            return badInput(`${label} must be a whole number, 0 or more.`, selection);
          }
        }
        inner = selection.selectionSet;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = selection.selectionSet;
      } else {
        const name = selection.name.value;
        if (visiting.has(name)) continue;
        visiting.add(name);
        inner = fragments.get(name)?.selectionSet;
      }
      const found = inner ? walk(inner) : null;
      if (found) return found;
    }
    return null;
  };
  return walk(operation.selectionSet);
}

export function pagingArgumentsRule(): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const problem = pagingArgumentProblem(context.getDocument(), operation);
      if (problem) context.reportError(problem);
    }
  });
}

/**
 * The API has no subscriptions: say so in validation rather than failing in execution (which
 * answered INTERNAL_SERVER_ERROR).
 */
export function noSubscriptionsRule(): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      if (operation.operation === 'subscription' && !context.getSchema().getSubscriptionType()) {
        context.reportError(
          limitError('This API has no subscriptions: use a query or a mutation.', operation)
        );
      }
    }
  });
}

/** The rules every operation is validated with, besides graphql-js's own. */
export const validationRules: ValidationRule[] = [
  maxQueryLengthRule(),
  maxAliasesRule(),
  maxDepthRule(),
  maxCostRule(),
  pagingArgumentsRule(),
  noSubscriptionsRule()
];

/**
 * Re-estimates the cost with the operation's real variables (a `limit: $n` is unknown to the
 * validation rule, which assumes the default list size), and re-checks paging arguments given as
 * variables (pagingArgumentProblem).
 */
export function costPlugin<TContext extends BaseContext>(
  maxCost: number = LIMITS.maxCost
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const problem = pagingArgumentProblem(document, operation, request.variables ?? {});
          if (problem) throw problem;
          const cost = estimateCost(schema, document, operation, request.variables);
          if (cost > maxCost) {
            throw limitError(`Query is too costly: about ${cost}, at most ${maxCost} allowed.`);
          }
        }
      };
    }
  };
}

/** Null when a parsed HTTP body is an acceptable batch (or no batch), else why not. */
export function batchProblem(body: unknown, maxBatch: number = LIMITS.maxBatch): string | null {
  if (!Array.isArray(body)) return null;
  if (body.length > maxBatch) {
    return `Too many operations in one request: ${body.length}, at most ${maxBatch} allowed.`;
  }
  return null;
}
