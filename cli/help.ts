// The usage text of the CLI (printed by `rulemart --help` and on usage errors).

/** The full usage text. */
export const USAGE = `usage: rulemart <command> [options]

Rule files:
  check <paths...> [--format text|json]      parse, validate and type-check
  compile <paths...> --out <dir>              write one executor folder per document
  test <paths...>                             run every document's tests
  run <file> [--name <name>] --input <file.json|-> [--params <json>] [--now <iso>] [--trace]
                                              run one document on one input
  apply <files...> --input <file.json|-> [--strategy priority|best] [--now <iso>]
                                              combine promotions on one cart

Hosted runtime (see docs/runtime.md):
  serve, publish, client, usage, invoice, reconcile, worker

Paths may be files or folders (searched recursively for .yaml/.yml files).
Exit codes: 0 success, 1 errors or failures, 2 usage error.
`;
