// Case and consent JSON both ways: request bodies into core drafts (field errors named by
// their JSON path) and stored records into the reply shape of API.md.
#pragma once

#include "core/case_file.hpp"
#include "core/consent.hpp"
#include "core/time.hpp"
#include "gateway/json_body.hpp"
#include "storage/case_repository.hpp"

#include <boost/json.hpp>

namespace enlace::gateway {

// POST /cases: {"person":{...},"territory_id","specific_needs","needs","notes"}.
core::CaseDraft read_case_draft(const boost::json::object& body, core::FieldErrors& errors);

// PATCH /cases/{id}: the stored case as a draft with the body's fields laid over it.
// `touches_age` tells whether birth_date or estimated_age were sent (else the stored age
// basis, with the day the age was estimated, is kept).
core::CaseDraft patch_case_draft(const core::CaseFile& current, const boost::json::object& body,
                                 core::FieldErrors& errors, bool& touches_age);

core::ConsentDraft read_consent_draft(const boost::json::object& body, core::FieldErrors& errors);

// The body tables (json_schema.hpp) of POST /cases, PATCH /cases/{id} and POST .../consents.
extern const BodyFields case_fields;
extern const BodyFields case_patch_fields;
extern const BodyFields consent_fields;

boost::json::object consent_json(const core::Consent& c, core::Timestamp now);
boost::json::object case_json(const storage::CaseRecord& r, core::Timestamp now);

}  // namespace enlace::gateway
