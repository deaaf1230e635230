/**
 * Synthetic MITS ResidentTransactions documents for tests and benchmarks, the
 * same shape as the rent-roll generator: `unitsPerProperty` units in each of
 * `properties` properties, one current resident per unit and, when
 * `ledgersPerUnit` > 1, the unit's former residents as households of their
 * own. Yielded in pieces of 100 households, each cut a few characters before
 * its end so that tags and entities straddle pieces, as network reads do.
 */
export type MitsDocumentOptions = { properties: number; unitsPerProperty: number; ledgersPerUnit?: number; prefix?: string };

const escapeXml = (value: string) => value.replaceAll('&', '&amp;').replaceAll('<', '&lt;');

export function* mitsDocumentPieces({ properties, unitsPerProperty, ledgersPerUnit = 1, prefix = 'gen' }: MitsDocumentOptions): Generator<string> {
  let piece = '<?xml version="1.0" encoding="utf-8"?>\n<MITS:ResidentTransactions xmlns:MITS="http://my-company.com/namespace">';
  let n = 0;
  let households = 0;
  for (let p = 1; p <= properties; p++) {
    const code = `${prefix}${String(p).padStart(4, '0')}`;
    piece += `<MITS:Property><MITS:PropertyID><MITS:Identification><MITS:PrimaryID>${code}</MITS:PrimaryID><MITS:MarketingName>${escapeXml(`Generated Court & Gardens ${p}`)}</MITS:MarketingName></MITS:Identification><MITS:Address><MITS:Address1>${100 + p} Generated Street</MITS:Address1><MITS:City>Columbus</MITS:City><MITS:State>OH</MITS:State><MITS:PostalCode>43215</MITS:PostalCode></MITS:Address></MITS:PropertyID>`;
    for (let u = 1; u <= unitsPerProperty; u++) {
      for (let ledger = 1; ledger <= ledgersPerUnit; ledger++) {
        n += 1;
        const current = ledger === 1;
        const year = current ? 2026 : 2026 - ledger;
        const email = current && n % 10 === 0 ? '' : `<MITS:Address Type="current"><MITS:Email>resident${n}.${prefix}@example.com</MITS:Email></MITS:Address>`;
        piece += household({ id: `${prefix}-t${String(n).padStart(7, '0')}`, unit: String(u), type: current ? 'current resident' : 'former resident', first: `First${n}`, last: `L&#233;${n}`, email, from: `${year}-01-01`, to: `${year}-12-31`, rent: (1000 + (n % 900)).toFixed(2) });
        households += 1;
        if (households % 100 === 0) {
          const cut = piece.length - 7;
          yield piece.slice(0, cut);
          piece = piece.slice(cut);
        }
      }
    }
    piece += '</MITS:Property>';
  }
  yield `${piece}</MITS:ResidentTransactions>\n`;
}

type Household = { id: string; unit: string; type: string; first: string; last: string; email: string; from: string; to: string; rent: string };

function household(h: Household): string {
  return `<MITS:RT_Customer><MITS:CustomerID>${h.id}</MITS:CustomerID><MITS:RT_Unit><MITS:UnitID>${h.unit}</MITS:UnitID></MITS:RT_Unit><MITS:Customers><MITS:Customer Type="${h.type}"><MITS:CustomerID>${h.id}</MITS:CustomerID><MITS:Name><MITS:FirstName>${h.first}</MITS:FirstName><MITS:LastName>${h.last}</MITS:LastName></MITS:Name>${h.email}<MITS:Lease><MITS:LeaseFromDate>${h.from}</MITS:LeaseFromDate><MITS:LeaseToDate>${h.to}</MITS:LeaseToDate><MITS:CurrentRent>${h.rent}</MITS:CurrentRent></MITS:Lease></MITS:Customer></MITS:Customers><MITS:PaymentAccepted>0</MITS:PaymentAccepted><MITS:RTServiceTransactions><MITS:Transactions><MITS:Charge><MITS:Detail><MITS:BalanceDue>0.00</MITS:BalanceDue></MITS:Detail></MITS:Charge></MITS:Transactions></MITS:RTServiceTransactions></MITS:RT_Customer>`;
}
