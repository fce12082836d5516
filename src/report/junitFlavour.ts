/**
 * The two shapes of JUnit XML the harness writes. There is no JUnit standard: each CI consumer
 * reads its own subset (docs/junit.md has the table, from each consumer's parser source or
 * documentation). The `consumer` flavour is what most of them read best; `strict` stays valid
 * against the Jenkins xUnit plugin's junit-10.xsd, which allows neither `file`/`line` nor
 * `<properties>` on `<testcase>`.
 */
export type JunitFlavour = 'consumer' | 'strict';

export const junitFlavours: readonly JunitFlavour[] = ['consumer', 'strict'];

export interface JunitFlavourRules {
  /**
   * `file` and `line` on each `<testcase>`: GitLab's parser reads `file`; mikepenz/action-junit-report,
   * dorny/test-reporter and EnricoMi/publish-unit-test-result-action read `file` + `line` for
   * annotations (without `line` they guess one from the message text).
   */
  caseLocation: boolean;
  /**
   * Per-case `<properties>` inside `<testcase>` (the Jenkins junit plugin keeps them with
   * `keepProperties: true`). When false they go into the suite's `<properties>` as
   * `<case name> :: <property>`, the only place junit-10.xsd allows.
   */
  caseProperties: boolean;
}

export const junitFlavourRules: Readonly<Record<JunitFlavour, JunitFlavourRules>> = {
  consumer: { caseLocation: true, caseProperties: true },
  strict: { caseLocation: false, caseProperties: false },
};

/** The default flavour of `junit.xml`; `junit-strict.xml` is always written beside it. */
export const defaultJunitFlavour: JunitFlavour = 'consumer';
