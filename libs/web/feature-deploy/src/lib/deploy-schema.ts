import type { Signal } from '@angular/core';
import { applyEach, schema, validate } from '@angular/forms/signals';
import type { CatalogView, ProviderName } from '@launchpad/shared-api-types';
import type { DeployDraft } from './deploy-draft';
import { fieldProblem, labelProblem } from '@launchpad/shared-validation';

/**
 * The Details step's rules: the server's name by the provider's pattern, and each of the
 * application's fields by its kind, as the API checks them (field-rules.ts).
 */
export function deployDraftSchema(
  catalog: Signal<CatalogView | undefined>,
  provider: Signal<ProviderName | undefined>,
) {
  return schema<DeployDraft>((draft) => {
    validate(draft.details.label, ({ value }) => problem(labelProblem(provider(), value())));
    applyEach(draft.details.fields, (field) => {
      validate(field, ({ value, key }) => {
        const view = catalog()?.fields.find((f) => f.name === key());
        return view ? problem(fieldProblem(view, value())) : undefined;
      });
    });
  });
}

function problem(message: string | undefined) {
  return message === undefined ? undefined : { kind: 'api_rule', message };
}
