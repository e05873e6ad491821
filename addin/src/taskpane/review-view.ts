/**
 * Review: the ledger's rows the mapping layer is unsure of, one card per pattern, with its
 * proposal and why, and the other candidates. A decision applies to every waiting row of the
 * pattern; from a reviewer or admin it also teaches a rule for later ledgers.
 */
import type { Candidate, ReviewDecision, ReviewGroup, Role } from "./api-types.ts";
import { categoryName } from "./category-names.ts";
import { byId, el, showMessage, whileBusy } from "./dom.ts";
import { errorText } from "./error-text.ts";
import { ledgerPicker } from "./ledger-picker.ts";
import { canDecide, teachesRules, type Session } from "./session.ts";

/** A decision without its reach, which the pane sets (the whole pattern). */
type Choice = Pick<ReviewDecision, "action" | "mapping">;

function roleNote(role: Role): string {
  if (!canDecide(role)) return "Your key is a viewer key: you can see what waits, but not decide.";
  if (!teachesRules(role)) {
    return "A decision applies to every waiting row of its pattern. Only reviewers and admins teach rules: editors' decisions do not.";
  }
  return "A decision applies to every waiting row of its pattern and teaches a rule for later ledgers.";
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function exampleLine(group: ReviewGroup): string {
  const { fields, row_number } = group.example;
  const account = [fields.accountCode, fields.accountName].filter(Boolean).join(" ");
  const amount =
    fields.amount === undefined ? "" : `${fields.amount.toLocaleString()} ${fields.currency ?? ""}`;
  return [`row ${row_number}`, fields.date, fields.vendor, account, amount.trim()]
    .filter(Boolean)
    .join(" · ");
}

function mappingLine(category: string, activity: string | null): string {
  return activity ? `${categoryName(category)} · ${activity}` : categoryName(category);
}

export function reviewView(
  session: Session,
  /** Makes a ledger (or all ledgers) the session's choice: see ledgerPicker. */
  choose: (choice: string) => Promise<void>,
): { show(): Promise<void> } {
  const note = byId("review-note");
  const status = byId("review-status");
  const message = byId("review-message");
  const list = byId("review-groups");
  const more = byId<HTMLButtonElement>("review-more");
  let loaded = 0;
  const picker = ledgerPicker(session, byId<HTMLSelectElement>("review-ledger"), async (choice) => {
    showMessage(message, "");
    try {
      await choose(choice);
      await load();
    } catch (error) {
      showMessage(message, errorText(error), "error");
    }
  });

  function card(group: ReviewGroup, index: number, role: Role): HTMLElement {
    const titleId = `group-${index}-title`;
    const radioName = `group-${index}-candidate`;
    const allowed = canDecide(role);
    const approve = el(
      "button",
      { className: "primary", attrs: { type: "button", "aria-describedby": titleId } },
      "Approve",
    );
    const choose = el(
      "button",
      { attrs: { type: "button", "aria-describedby": titleId } },
      "Choose selected",
    );
    approve.disabled = !allowed;
    choose.disabled = true;
    const candidates = group.candidates.map((candidate: Candidate) => {
      const radio = el("input", {
        attrs: { type: "radio", name: radioName, value: candidate.key },
      });
      // The server refuses a choice its rows cannot be estimated under (a factor per tonne
      // for a row booked by amount only), so it is shown but cannot be picked.
      radio.disabled = !allowed || !candidate.estimable;
      radio.addEventListener("change", () => (choose.disabled = !allowed));
      return el(
        "label",
        {
          className: candidate.estimable ? "candidate" : "candidate unusable",
          attrs: { title: candidate.why },
        },
        radio,
        el(
          "span",
          {},
          el("strong", {}, mappingLine(candidate.category, candidate.activity)),
          el("span", { className: "candidate-label" }, candidate.label),
          el("span", { className: "candidate-factor" }, candidate.factor ?? "no factor"),
          !candidate.estimable &&
            el(
              "span",
              { className: "candidate-note" },
              `needs the quantity in ${candidate.unit ?? "its unit"}: not in this row`,
            ),
        ),
      );
    });
    const decide = (button: HTMLButtonElement, choice: () => Choice) =>
      button.addEventListener("click", () =>
        whileBusy(button, () => decideGroup(group, choice, role)),
      );
    decide(approve, () => ({ action: "approve" }));
    decide(choose, () => {
      const key = list.querySelector<HTMLInputElement>(`input[name="${radioName}"]:checked`)?.value;
      const picked = group.candidates.find((candidate) => candidate.key === key);
      if (!picked) throw new Error("choose a candidate first");
      const { category, activity, naics, factor } = picked;
      return { action: "choose", mapping: { category, activity, naics, factor } };
    });
    return el(
      "article",
      { className: "group", attrs: { "aria-labelledby": titleId, "data-pattern": group.pattern } },
      el("h3", { attrs: { id: titleId } }, group.example.fields.description || group.pattern),
      // What a decision applies to: every waiting row with this vendor, account and wording.
      el("p", { className: "pattern", attrs: { title: "pattern" } }, group.pattern),
      el(
        "p",
        { className: "meta" },
        `${plural(group.rows, "row", "rows")} · e.g. ${exampleLine(group)}`,
      ),
      el(
        "p",
        { className: "proposal" },
        "Proposed: ",
        el("strong", {}, mappingLine(group.proposal.category, group.proposal.activity)),
        ` (confidence ${group.proposal.confidence.toFixed(2)})`,
      ),
      el("p", { className: "rationale" }, group.proposal.reason),
      candidates.length > 0 &&
        el("fieldset", { className: "candidates" }, el("legend", {}, "Or choose"), ...candidates),
      el("div", { className: "actions" }, approve, candidates.length > 0 && choose),
    );
  }

  async function decideGroup(group: ReviewGroup, choice: () => Choice, role: Role) {
    const api = session.connected?.api;
    if (!api) return;
    try {
      const outcome = await api.decide(group.example.row_id, {
        ...choice(),
        apply_to: "pattern",
        learn: teachesRules(role) ? "pattern" : "none",
      });
      showMessage(
        message,
        `${plural(outcome.rows.length, "row", "rows")} decided` +
          (outcome.rule ? "; a rule for this pattern was learned." : "."),
        "ok",
      );
      await session.refreshRows();
      await load();
    } catch (error) {
      showMessage(message, errorText(error), "error");
    }
  }

  async function load(append = false) {
    const { connected, current, allLedgers } = session;
    note.hidden = !connected;
    if (!connected || (!current && !allLedgers)) {
      list.replaceChildren();
      more.hidden = true;
      status.textContent = connected
        ? "Map a ledger first (Map tab), or choose one above."
        : "Connect first (Connect tab).";
      return;
    }
    const role = connected.whoami.role;
    note.textContent = roleNote(role);
    const ledger = allLedgers ? undefined : current?.ledger;
    const page = await connected.api.review(ledger?.id, append ? loaded : 0);
    const cards = page.groups.map((group, i) => card(group, (append ? loaded : 0) + i, role));
    if (append) list.append(...cards);
    else list.replaceChildren(...cards);
    loaded = (append ? loaded : 0) + page.groups.length;
    status.textContent =
      page.rows === 0
        ? `Nothing in ${ledger?.filename ?? "any ledger"} waits for review.`
        : `${plural(page.rows, "row", "rows")} in ${plural(page.patterns, "pattern", "patterns")} wait for review.`;
    more.hidden = loaded >= page.patterns;
  }

  more.addEventListener("click", () =>
    whileBusy(more, () => load(true)).catch((error) =>
      showMessage(message, errorText(error), "error"),
    ),
  );

  return {
    async show() {
      showMessage(message, "");
      try {
        await Promise.all([picker.refresh(), load()]);
      } catch (error) {
        showMessage(message, errorText(error), "error");
      }
    },
  };
}
