import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The wire contract pinned in `contract/*.json` (schema in contract/README.md): the vendors'
 * published request and response models of every operation the clients call. The tests
 * read it as data, so that updating the contract never means editing test code.
 */

export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';
export type Encoding = 'flat' | 'json-string' | 'comma-separated';

export interface FieldSpec {
  type: FieldType | FieldType[];
  required?: boolean;
  /** Request parameters only: where the parameter travels. */
  in?: 'query' | 'body';
  encoding?: Encoding | Encoding[];
  /** The decoded content of a `json-string` field. */
  json?: FieldSpec;
  fields?: Record<string, FieldSpec>;
  /** Objects with an open set of keys (e.g. the WeCom keys of an OOS Configuration). */
  additionalFields?: FieldSpec;
  items?: FieldSpec;
  /** `false`: not in the vendor's model, tolerated on purpose (the notes say why). */
  vendorModel?: boolean;
  source?: string;
  notes?: string;
}

export interface OperationContract {
  http: { method: 'GET' | 'POST'; path: string; action?: string };
  sources: string[];
  request: { fields: Record<string, FieldSpec> };
  response: { fields: Record<string, FieldSpec> };
  notes?: string[];
}

export interface FamilyContract {
  family: string;
  protocol: 'alicloud-rpc' | 'dingtalk-new-api' | 'dingtalk-oapi' | 'dingtalk-token';
  version?: string;
  sources: Record<string, { repo?: string; path?: string; commit?: string; url?: string }>;
  operations: Record<string, OperationContract>;
}

/** One operation of one family, e.g. `sas-2018-12-03 DescribeDingTalk`. */
export interface ResolvedOperation {
  family: FamilyContract;
  name: string;
  contract: OperationContract;
  /** `<family> <operation>`: how reports name it. */
  id: string;
}

export const CONTRACT_DIR = join(__dirname, '..', '..', '..', 'contract');

export function loadContract(dir = CONTRACT_DIR): FamilyContract[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as FamilyContract);
}

/** Every operation of the contract. */
export function allOperations(families: FamilyContract[]): ResolvedOperation[] {
  return families.flatMap((family) =>
    Object.entries(family.operations).map(([name, contract]) => ({
      family,
      name,
      contract,
      id: `${family.family} ${name}`,
    })),
  );
}

/**
 * The operation an HTTP request is a call of: Alibaba Cloud RPC by its `x-acs-action` and
 * `x-acs-version` headers, DingTalk by method and path.
 */
export function operationOf(
  families: FamilyContract[],
  req: { method: string; path: string; action?: string; version?: string },
): ResolvedOperation | undefined {
  return allOperations(families).find(({ family, contract }) => {
    if (family.protocol === 'alicloud-rpc') {
      return (
        req.action !== undefined &&
        family.version === req.version &&
        contract.http.action === req.action
      );
    }
    return contract.http.method === req.method && contract.http.path === req.path;
  });
}
