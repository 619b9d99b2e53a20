// Local ESLint rule: a test must never assert on a Promise by mistake.
//
// Once the store is async, `expect(repo.find(id)).toBeTruthy()` still passes: a Promise is truthy. This rule
// (type-aware, it asks the TypeScript checker) reports
//   * `expect(x)` / `expect.soft(x)` where x is a Promise or any other thenable, unless the chain goes
//     through `.resolves` or `.rejects`;
//   * an `expect(x).resolves…` / `.rejects…` chain that is neither awaited nor returned, because then the
//     assertion runs after the test has already finished (or never).
import { ESLintUtils } from "@typescript-eslint/utils";

const UNWRAPPERS = new Set(["resolves", "rejects"]);

/** @param {import("@typescript-eslint/utils").TSESTree.Node} callee */
function isExpectCallee(callee) {
  if (callee.type === "Identifier") return callee.name === "expect";
  return (
    callee.type === "MemberExpression" &&
    !callee.computed &&
    callee.object.type === "Identifier" &&
    callee.object.name === "expect" &&
    callee.property.type === "Identifier" &&
    callee.property.name === "soft"
  );
}

/**
 * True when any member of the (union) type has a callable `then`: `Promise<T> | undefined` is reported too,
 * since asserting on it without unwrapping is just as wrong.
 * @param {import("typescript").TypeChecker} checker
 * @param {import("typescript").Type} type
 * @param {import("typescript").Node} at
 */
function isThenable(checker, type, at) {
  const parts = type.isUnion() ? type.types : [type];
  return parts.some((part) => {
    const then = checker.getApparentType(part).getProperty("then");
    if (!then) return false;
    return checker.getTypeOfSymbolAtLocation(then, at).getCallSignatures().length > 0;
  });
}

/**
 * Walks from `expect(x)` up through `.not`, `.resolves`, `.toBe(…)` … to the outermost node of the chain.
 * @param {import("@typescript-eslint/utils").TSESTree.Node} node
 */
function chainOf(node) {
  let top = node;
  /** @type {string | undefined} */
  let unwrapper;
  for (;;) {
    const parent = top.parent;
    if (parent?.type === "MemberExpression" && parent.object === top) {
      if (!parent.computed && parent.property.type === "Identifier" && UNWRAPPERS.has(parent.property.name)) {
        unwrapper = parent.property.name;
      }
      top = parent;
    } else if (parent?.type === "CallExpression" && parent.callee === top) {
      top = parent;
    } else if (parent?.type === "ChainExpression" || parent?.type === "TSNonNullExpression") {
      top = parent;
    } else {
      return { top, unwrapper };
    }
  }
}

/**
 * True when the value of `node` is awaited or handed back to the caller (so the test runner awaits it).
 * @param {import("@typescript-eslint/utils").TSESTree.Node} node
 * @returns {boolean}
 */
function isAwaitedOrReturned(node) {
  const parent = node.parent;
  if (!parent) return false;
  switch (parent.type) {
    case "AwaitExpression":
    case "ReturnStatement":
      return true;
    case "ArrowFunctionExpression":
      return parent.body === node;
    case "TSAsExpression":
    case "TSNonNullExpression":
    case "TSSatisfiesExpression":
    case "ChainExpression":
      return isAwaitedOrReturned(parent);
    case "ConditionalExpression":
      return parent.test !== node && isAwaitedOrReturned(parent);
    case "SequenceExpression":
      return parent.expressions.at(-1) === node && isAwaitedOrReturned(parent);
    case "ArrayExpression":
      // `await Promise.all([expect(a).resolves…, expect(b).rejects…])`
      return isPromiseCombinatorArgument(parent);
    default:
      return false;
  }
}

/** @param {import("@typescript-eslint/utils").TSESTree.ArrayExpression} array */
function isPromiseCombinatorArgument(array) {
  const call = array.parent;
  if (call?.type !== "CallExpression" || call.arguments[0] !== array) return false;
  const callee = call.callee;
  const isCombinator =
    callee.type === "MemberExpression" &&
    !callee.computed &&
    callee.object.type === "Identifier" &&
    callee.object.name === "Promise" &&
    callee.property.type === "Identifier" &&
    ["all", "allSettled"].includes(callee.property.name);
  return isCombinator && isAwaitedOrReturned(call);
}

export const expectAwaited = ESLintUtils.RuleCreator.withoutDocs({
  meta: {
    type: "problem",
    schema: [],
    messages: {
      promiseNotUnwrapped:
        "expect() got a Promise: await it first, or use `await expect(…).resolves` / `.rejects`.",
      chainNotAwaited:
        "`expect(…).{{ unwrapper }}` must be awaited or returned, otherwise the assertion runs after the test ends.",
    },
  },
  defaultOptions: [],
  create(context) {
    const services = ESLintUtils.getParserServices(context);
    const checker = services.program.getTypeChecker();
    return {
      CallExpression(node) {
        if (!isExpectCallee(node.callee)) return;
        const subject = node.arguments[0];
        if (!subject || subject.type === "SpreadElement") return;
        const { top, unwrapper } = chainOf(node);
        if (unwrapper) {
          if (!isAwaitedOrReturned(top)) {
            context.report({ node: top, messageId: "chainNotAwaited", data: { unwrapper } });
          }
          return;
        }
        const tsNode = services.esTreeNodeToTSNodeMap.get(subject);
        if (isThenable(checker, checker.getTypeAtLocation(tsNode), tsNode)) {
          context.report({ node: subject, messageId: "promiseNotUnwrapped" });
        }
      },
    };
  },
});

export default { meta: { name: "local" }, rules: { "expect-awaited": expectAwaited } };
