// PATCHes of the directory, typed (core/draft_patch.hpp): merged over the stored record's draft
// by the use cases (core/use_cases/service_listings.hpp, organizations.hpp).
#pragma once

#include "core/draft_patch.hpp"
#include "core/organization.hpp"
#include "core/service_listing.hpp"

namespace enlace::core {

// A PATCH of a listing; `capacity`, the older name of capacity_available, sets it too.
using ServicePatch = DraftPatch<ServiceDraft>;
// The listing as a draft, to merge a PATCH over.
ServiceDraft draft_of(const ServiceListing& s);
void apply_patch(ServiceDraft& d, const ServicePatch& p);

// A PATCH of an organisation (shares_cases_with_parent is never null: the reader refuses it).
using OrganizationPatch = DraftPatch<OrganizationDraft>;
// The organisation as a draft, to merge a PATCH over.
OrganizationDraft draft_of(const Organization& o);
void apply_patch(OrganizationDraft& d, const OrganizationPatch& p);

}  // namespace enlace::core
