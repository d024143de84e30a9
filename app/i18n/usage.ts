import ts from "typescript";
import { anyNamespace } from "./any-namespace";
import type { Questionnaire } from "~/engine/definition";
import { requiredWordingKeys, seedThemeWordingKeys } from "~/engine/wording";

/**
 * Finds the translation keys the code and the questionnaire definitions use, for the
 * translators' report. Static: it reads source text, it runs nothing.
 *
 * - `t("form.next")`, `ctx.t("errors.required")`, `fixedT(lng)("errors.notFound")`,
 *   `<Trans i18nKey="…">`: a key used (`how: "call"`). `t("common:form.next")` names its
 *   namespace; a key without one is in the namespace of the `t` that translates it:
 *   `const { t } = useTranslation("organiser")` or `const t = fixedT(lng, "organiser")` in
 *   an enclosing block, `t("key", { ns: "organiser" })`. When the code does not say (a `t`
 *   received as a parameter, `ctx.t`, a computed namespace), the key is `guessed`: it is
 *   fine in any namespace, and reported in the default one (`common`) when none has it.
 * - A string in the argument's `a ? "x" : "y"` or `a ?? "x"` branches counts too.
 * - `` t(`language.names.${l}`) ``: a dynamic key. Its static start (`language.names.`)
 *   marks every key beginning with it as used (`prefixes`). A template with no static
 *   key text (`` t(`common:${notice}`) ``) marks nothing.
 * - Any other string that looks like a key (`"resume.expired"`, `notice: "form.moreQuestions"`):
 *   a mention (`how: "mention"`, namespace `*`: whichever has it, unless it says `ns:`).
 *   It marks that key as used; the report only warns when a
 *   mention looks like a key of an existing group but is absent, and only in a file that
 *   calls t() itself, since such a string may be anything (a database column "users.id").
 * - Keys computed with `wordingKey.*` are not read here: the questionnaire definitions
 *   give them (`definitionUsage`).
 */

export interface KeyReference {
  namespace: string;
  key: string;
  /** `app/routes/x.tsx:12` */
  where: string;
  how: "call" | "mention" | "definition";
  /**
   * The code does not say which namespace (a `t` received as a parameter, `ctx.t`, a computed
   * namespace): `namespace` is the default one, and any namespace that has the key will do.
   */
  guessed?: boolean;
  /** A mention in a file that translates nothing (a database column "users.id"?): never warned about. */
  weak?: boolean;
}

export interface PrefixReference {
  namespace: string;
  prefix: string;
  where: string;
  /** As for keys: the namespace is not known, any will do. */
  guessed?: boolean;
}

export interface Usage {
  keys: KeyReference[];
  prefixes: PrefixReference[];
}

export const emptyUsage: Usage = { keys: [], prefixes: [] };

export function mergeUsage(...parts: Usage[]): Usage {
  return { keys: parts.flatMap((p) => p.keys), prefixes: parts.flatMap((p) => p.prefixes) };
}

const namespacePattern = /^([a-z][a-z0-9-]*):(.*)$/;
const keyShape = /^(?:[a-z][a-z0-9-]*:)?[A-Za-z][\w-]*(?:\.[\w-]+)+$/;

/** `common:form.next` -> { namespace: "common", key: "form.next" }. */
export function splitNamespace(text: string, defaultNamespace: string): { namespace: string; key: string } {
  const m = namespacePattern.exec(text);
  return m ? { namespace: m[1]!, key: m[2]! } : { namespace: defaultNamespace, key: text };
}

/** Stands for "whichever namespace has it", for key-like strings outside t(). */
export { anyNamespace };

function calleeName(callee: ts.Expression): string {
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return "";
}

/**
 * The namespace a `t` made by this expression looks keys up in: `useTranslation("ns")`,
 * `useTranslation(["ns", …])`, `fixedT(language, "ns")`, `i18n.getFixedT(language, "ns")`.
 * The default namespace when none is named; undefined when it is computed (`useTranslation(id)`)
 * or the expression makes no `t` we know (`const { t } = await load()`).
 */
function namespaceOfMaker(node: ts.Expression | undefined, defaultNamespace: string): string | undefined {
  while (node && (ts.isAwaitExpression(node) || ts.isParenthesizedExpression(node) || ts.isAsExpression(node)))
    node = node.expression;
  if (!node || !ts.isCallExpression(node)) return undefined;
  const name = calleeName(node.expression);
  if (name !== "useTranslation" && name !== "fixedT" && name !== "getFixedT") return undefined;
  const arg = name === "useTranslation" ? node.arguments[0] : node.arguments[1];
  if (!arg) return defaultNamespace;
  const first = ts.isArrayLiteralExpression(arg) ? arg.elements[0] : arg;
  return first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)) ? first.text : undefined;
}

/** Finds the declaration of the `t` a call uses, in the enclosing blocks, and its namespace. */
function namespaceOfT(call: ts.CallExpression, defaultNamespace: string): string | undefined {
  const callee = call.expression;
  if (ts.isCallExpression(callee)) return namespaceOfMaker(callee, defaultNamespace); // fixedT(lng, "ns")("key")
  if (!ts.isIdentifier(callee)) return undefined; // ctx.t, i18n.t
  for (let scope: ts.Node | undefined = call.parent; scope; scope = scope.parent) {
    const statements = ts.isBlock(scope) || ts.isSourceFile(scope) ? scope.statements : undefined;
    for (const statement of statements ?? []) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const d of statement.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.name.text === "t") return namespaceOfMaker(d.initializer, defaultNamespace);
        if (ts.isObjectBindingPattern(d.name) && d.name.elements.some((e) => ts.isIdentifier(e.name) && e.name.text === "t")) {
          return namespaceOfMaker(d.initializer, defaultNamespace);
        }
      }
    }
  }
  return undefined; // a parameter `t`
}

/** `t("key", { ns: "organiser" })` */
function namespaceOption(call: ts.CallExpression): string | undefined {
  const options = call.arguments[1];
  if (!options || !ts.isObjectLiteralExpression(options)) return undefined;
  for (const p of options.properties) {
    if (ts.isPropertyAssignment(p) && p.name.getText() === "ns" && ts.isStringLiteral(p.initializer)) return p.initializer.text;
  }
  return undefined;
}

function isTranslateCall(node: ts.CallExpression): boolean {
  const callee = node.expression;
  if (ts.isIdentifier(callee)) return callee.text === "t";
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text === "t";
  // fixedT(language)("key"), i18n.getFixedT(language)("key")
  if (ts.isCallExpression(callee)) {
    const name = calleeName(callee.expression);
    return name === "fixedT" || name === "getFixedT";
  }
  return false;
}

/**
 * A key-like string that is data, not a key: a column given to a query builder's method
 * (`.where("responses.id", …)`, `.orderBy("responses.id")`) or an audit log action
 * (`logAudit(db, { action: "login.throttled" })`). It still counts as a use; it is never
 * warned about, since no one could act on "looks like a key but is absent".
 */
function isData(node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral): boolean {
  const parent = node.parent;
  if (ts.isCallExpression(parent) && parent.arguments.includes(node as ts.Expression)) {
    return ts.isPropertyAccessExpression(parent.expression);
  }
  return ts.isPropertyAssignment(parent) && parent.initializer === node && parent.name.getText() === "action";
}

/**
 * Scans one source file's text. `fileName` is only used to say where. A key without
 * `ns:` belongs to the namespace of the `t` that translates it (its `useTranslation` or
 * `fixedT` in an enclosing block), else to `defaultNamespace`.
 */
export function scanSource(fileName: string, text: string, defaultNamespace = "common"): Usage {
  const kind = fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const usage: Usage = { keys: [], prefixes: [] };
  const consumed = new Set<ts.Node>();
  let translates = false;
  const where = (node: ts.Node) => `${fileName}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;

  const addKey = (node: ts.Node, value: string, how: KeyReference["how"], namespace: string | undefined) => {
    const split = splitNamespace(value, namespace ?? defaultNamespace);
    const guessed = namespace === undefined && !namespacePattern.test(value);
    if (split.key)
      usage.keys.push({ namespace: split.namespace, key: split.key, where: where(node), how, ...(guessed ? { guessed } : {}) });
  };

  /** Collects the keys an argument of t() can be; `namespace` undefined when not known. */
  const collectArgument = (node: ts.Expression, namespace: string | undefined) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      consumed.add(node);
      addKey(node, node.text, "call", namespace);
    } else if (ts.isTemplateExpression(node)) {
      const { namespace: ns, key: prefix } = splitNamespace(node.head.text, namespace ?? defaultNamespace);
      const guessed = namespace === undefined && !namespacePattern.test(node.head.text);
      if (prefix) usage.prefixes.push({ namespace: ns, prefix, where: where(node), ...(guessed ? { guessed } : {}) });
    } else if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) {
      collectArgument(node.expression, namespace);
    } else if (ts.isConditionalExpression(node)) {
      collectArgument(node.whenTrue, namespace);
      collectArgument(node.whenFalse, namespace);
    } else if (
      ts.isBinaryExpression(node) &&
      (node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken)
    ) {
      collectArgument(node.left, namespace);
      collectArgument(node.right, namespace);
    }
  };

  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isCallExpression(node) && isTranslateCall(node) && node.arguments[0]) {
      translates = true;
      collectArgument(node.arguments[0], namespaceOption(node) ?? namespaceOfT(node, defaultNamespace));
    } else if (
      ts.isJsxAttribute(node) &&
      node.name.getText(source) === "i18nKey" &&
      node.initializer &&
      ts.isStringLiteral(node.initializer)
    ) {
      translates = true;
      consumed.add(node.initializer);
      addKey(node.initializer, node.initializer.text, "call", undefined);
    } else if (
      (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) &&
      !consumed.has(node) &&
      keyShape.test(node.text)
    ) {
      addKey(node, node.text, "mention", anyNamespace);
      if (isData(node)) usage.keys[usage.keys.length - 1]!.weak = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (!translates) for (const ref of usage.keys) if (ref.how === "mention") ref.weak = true;
  return usage;
}

/** The wording keys a questionnaire definition needs, in its namespace (the questionnaire id). */
export function definitionUsage(questionnaire: Questionnaire, where: string): Usage {
  return {
    keys: [...requiredWordingKeys(questionnaire), ...seedThemeWordingKeys(questionnaire)].map((key) => ({
      namespace: questionnaire.id,
      key,
      where,
      how: "definition" as const,
    })),
    prefixes: [],
  };
}
