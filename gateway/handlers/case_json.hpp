// Case and consent JSON both ways: request bodies into core drafts (field errors named by
// their JSON path) and stored records into the reply shape of API.md.
#pragma once

#include "core/case_file.hpp"
#include "core/case_patch.hpp"
#include "core/case_record.hpp"
#include "core/consent.hpp"
#include "core/time.hpp"
#include "gateway/json_body.hpp"

#include <boost/json.hpp>

namespace enlace::gateway {

// POST /cases: {"person":{...},"territory_id","specific_needs","needs","notes"}.
core::CaseDraft read_case_draft(const boost::json::object& body, core::FieldErrors& errors);

// PATCH /cases/{id}: what the body sends, typed; laid over the stored case by the use case
// (core::patched_draft), which reports the errors the body's shape has.
core::CasePatch read_case_patch(const boost::json::object& body);

core::ConsentDraft read_consent_draft(const boost::json::object& body, core::FieldErrors& errors);

// The body tables (json_schema.hpp) of POST /cases, PATCH /cases/{id} and POST .../consents.
extern const BodyFields case_fields;
extern const BodyFields case_patch_fields;
extern const BodyFields consent_fields;

boost::json::object consent_json(const core::Consent& c, core::Timestamp now);
boost::json::object case_json(const core::CaseRecord& r, core::Timestamp now);

}  // namespace enlace::gateway
