// Pages of referral boxes: see list_referrals.hpp.
#include "core/use_cases/list_referrals.hpp"

#include "core/access_policy.hpp"
#include "core/shown_ids.hpp"

namespace enlace::core {

bool may_list(const Actor& a, Box box) {
  switch (box) {
    case Box::inbox: return can_act_as_receiver(a, a.organization_id);
    case Box::outbox:
      return can_act_as_sender(a, a.organization_id) ||
             acts_for(a, Role::org_admin, a.organization_id);
    case Box::review: return can_review_vital_interest(a, a.organization_id);
  }
  return false;
}

namespace {

// The page of `rows` (limit + 1 at most); key(i) is the text of where a page after row i resumes.
template <class Key>
ReferralPage page_of(std::vector<ListedReferral> rows, int limit, Key key) {
  ReferralPage page;
  page.shown = shown_ids(rows, limit, [](const ListedReferral& l) { return l.referral.id; });
  if (limit > 0 && rows.size() > static_cast<std::size_t>(limit))
    page.next = key(rows, static_cast<std::size_t>(limit) - 1);
  page.rows = std::move(rows);
  return page;
}

}  // namespace

Result<ReferralPage> list_referrals(ReferralReader& reader, const Actor& actor,
                                    const ReferralListQuery& query, Timestamp now) {
  if (!may_list(actor, query.box)) return Error::forbidden();
  auto rows = reader.list_referrals(actor, query, now);
  if (!rows) return rows.error();
  return page_of(std::move(*rows), query.limit,
                 [](const std::vector<ListedReferral>& read, std::size_t last) {
                   return read[last].position.text();
                 });
}

std::string SearchPosition::text() const {
  return std::string(side == Box::outbox ? "o|" : "i|") + after.text();
}

std::optional<SearchPosition> SearchPosition::parse(std::string_view text) {
  if (text.size() <= 2 || (text[0] != 'o' && text[0] != 'i') || text[1] != '|')
    return std::nullopt;
  auto after = ListPosition::parse(text.substr(2));
  if (!after) return std::nullopt;
  return SearchPosition{text[0] == 'o' ? Box::outbox : Box::inbox, *after};
}

Result<ReferralPage> search_referrals(ReferralReader& reader, const Actor& actor,
                                      const ReferralSearch& search, Timestamp now) {
  const bool outbox = may_list(actor, Box::outbox);
  const bool inbox = may_list(actor, Box::inbox);
  if (!outbox && !inbox) return Error::forbidden();
  const auto& requester = search.filters.from_org;
  const auto& owner = search.filters.to_org;
  std::vector<Box> sides;
  if (outbox && (!requester || *requester == actor.organization_id) &&
      !(search.after && search.after->side == Box::inbox))
    sides.push_back(Box::outbox);
  if (inbox && (!owner || *owner == actor.organization_id)) sides.push_back(Box::inbox);
  const int count = search.count;
  std::vector<ListedReferral> rows;
  std::vector<Box> side_of;  // parallel to rows
  for (Box side : sides) {
    if (static_cast<int>(rows.size()) > count) break;
    ReferralListQuery q = search.filters;
    q.box = side;
    // limit + 1 rows in all tell whether a next page exists.
    q.limit = count - static_cast<int>(rows.size());
    q.after.reset();
    if (search.after && search.after->side == side) q.after = search.after->after;
    auto more = reader.list_referrals(actor, q, now);
    if (!more) return more.error();
    for (auto& l : *more) {
      rows.push_back(std::move(l));
      side_of.push_back(side);
    }
  }
  return page_of(std::move(rows), count,
                 [&side_of](const std::vector<ListedReferral>& read, std::size_t last) {
                   return SearchPosition{side_of[last], read[last].position}.text();
                 });
}

}  // namespace enlace::core
