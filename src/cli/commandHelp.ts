/**
 * What `parity <command> --help` prints under the usage line: every option with its default, and
 * an example. One table, so the help of all commands reads alike; defaults are those of
 * src/config/defaults.ts and the README ("Environments").
 */
export const commandHelp: Record<string, string> = {
  run: `options:
  [suites…]               suite files, folders or globs (default: every suite under suites/); a
                          narrower selection is a partial run, never a sign-off of the whole set
  -e, --env NAME          env/NAME.env (default: PARITY_ENV, else sandbox)
  --drift                 the sandbox's candidate gets real regressions (PARITY_SANDBOX_DRIFT)
  -t, --test-name-pattern REGEX
                          only cases whose "suite case" name matches, as jest -t (default: all)
  --tag TAG               only cases with this tag; repeat or comma-separate (default: PARITY_TAGS, else all)
  --shard i/n             suite files of shard i of n (default: all); merge with parity merge
  --reports DIR           where reports go (default: PARITY_REPORTS_DIR, else reports)
  --allow-writes          let writing cases run against a production environment (default: off)
  --legacy-baseline DIR   replay the legacy side from a recording (default: LEGACY_BASELINE, else live)
  --update-baseline       re-record the selected cases first (default: off)

exit codes: 0 every case passed · 1 regressions · 2 harness errors, interrupted, or nothing ran

examples:
  parity run
  parity run suites/orders.yaml -t "place an order"
  parity run --tag menu --reports out/menu
`,
  gate: `options:
  [dir]                   a reports folder holding results.json (default: reports)

Prints the run summary and exits with the code decided when the run finished: 0 pass, 1
regressions, 2 harness errors. A partial run is said to be one.

example:
  npm test; npx parity gate reports
`,
  merge: `options:
  <dir>…                  the reports folder of every shard (at least one)
  -o, --out DIR           where the merged reports go (default: reports)

Once every shard is in, the merged run is no longer partial because of --shard.

example:
  parity merge shard-1/reports shard-2/reports --out reports && parity gate reports
`,
  record: `options:
  [suites…]               suite files, folders or globs (default: every suite under suites/)
  -e, --env NAME          env/NAME.env (default: PARITY_ENV, else sandbox)
  -t, --test-name-pattern REGEX   only matching cases (default: all)
  --tag TAG               only cases with this tag, repeatable (default: all)
  --out DIR               the baseline folder (default: baselines/<env>)
  --allow-writes          let writing cases run against a production environment (default: off)

example:
  PARITY_ENV=apicloud-prod parity record
`,
  import: `options:
  <postman|openapi|har> <file>   what to import, and from where
  --api NAME              the suites' api: (default: the collection name, document title, or HAR context)
  --base-url URL          request URLs are made relative to it (required for HAR)
  --out DIR               where the suite files go (default: suites/)
  --all-methods           OpenAPI: also POST, PUT, PATCH, DELETE (default: GET only)
  --environment FILE      Postman: an exported environment, its values win (default: none)
  --force                 overwrite existing suite files (default: off)

example:
  parity import postman pizzashack.postman_collection.json --api pizzashack
`,
  sandbox: `options:
  --drift                 the candidate gets real regressions (default: off; PARITY_SANDBOX_DRIFT)

The PARITY_SANDBOX_* variables (README, "CLI") shape it further.

example:
  parity sandbox --drift
`,
};
