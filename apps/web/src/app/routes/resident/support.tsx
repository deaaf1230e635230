import { SupportRequestsPage } from '../landlord/support-requests.tsx';

export default function ResidentSupportRoute() {
  return (
    <SupportRequestsPage
      path="/me/support"
      description="Questions to RentLedger support, for example when your rental or unit is not listed, and their answers."
      kinds={['other', 'missing_property', 'missing_unit']}
    />
  );
}
