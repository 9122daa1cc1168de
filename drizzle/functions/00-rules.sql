-- The group's domain rules, each defined once for SQL: queries, triggers and the files after
-- this one call them. test/rule-parity.e2e-spec.ts runs each beside its TypeScript form
-- (@seg/rules, @seg/db) on one table of cases. Each is a single SQL expression, so the planner
-- inlines it into the query that calls it: the plan and the indexes used are those of the
-- expression written out.

-- The UK's date at an instant (now, by default), whatever the server's or the session's TimeZone.
-- todayInLondon in @seg/rules.
CREATE OR REPLACE FUNCTION public.seg_uk_today(at timestamptz DEFAULT now()) RETURNS date
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT ($1 AT TIME ZONE 'Europe/London')::date $$;

-- A post has not ended by the day: it has no end, or ends after it. A post ending today is over
-- today. postNotEnded in @seg/rules.
CREATE OR REPLACE FUNCTION public.seg_post_not_ended(ends_on date, today date) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT ends_on IS NULL OR ends_on > today $$;

-- A post is current from its first day until the day it ends. postIsCurrent in @seg/rules.
CREATE OR REPLACE FUNCTION public.seg_post_is_current(starts_on date, ends_on date, today date) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT starts_on <= today AND public.seg_post_not_ended(ends_on, today) $$;

-- A current member: invited (not activated yet) or active, and not erased. isCurrentMember in
-- @seg/db, whose CURRENT_MEMBER_STATUSES are these.
CREATE OR REPLACE FUNCTION public.seg_member_is_current(status text, erased_at timestamptz) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT status IN ('invited', 'active') AND erased_at IS NULL $$;

-- A member's account, not a staff account (secretariat or admin with no membership category).
-- isMemberAccount in @seg/rules.
CREATE OR REPLACE FUNCTION public.seg_is_member_account(role text, has_category boolean) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT role = 'member' OR has_category $$;

-- Who may be listed at all, and whom the group asks to confirm their details: a current member
-- with a member's account. isListable in @seg/rules.
CREATE OR REPLACE FUNCTION public.seg_member_is_listable(
  status text,
  erased_at timestamptz,
  role text,
  has_category boolean
) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT public.seg_member_is_current(status, erased_at) AND public.seg_is_member_account(role, has_category) $$;
