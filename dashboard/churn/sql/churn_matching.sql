-- Churn movements of the revenue engine matched to the churn_reasons rows that explain them.
-- Grain: one row per churn movement (account and churn month) through the as-of month, plus one row
-- per churn_reasons row that explains no movement (a mismatch).
-- Columns: kind ('matched', 'unrecorded', 'no_churn', 'duplicate'), account_id, account_name, segment,
--   industry, region, csm, month (churn month: first month with MRR 0; for a duplicate the month
--   another row explains; null for no_churn),
--   mrr_before (MRR in the month before), arr_lost (12 x mrr_before), spell_start (month the paying
--   spell began), tenure_months, returned_month (first reactivation after the churn), arr_now (ARR in
--   the as-of month), reason_id, churn_date, days_off (days between churn_date and the churn month),
--   primary_reason, secondary_reason, competitor, notes, preventable, budget_ok, authority_ok,
--   needs_ok, timeframe_ok, competitor_ok.
-- $reasons is the text of churn_reasons_recorded.sql, or of churn_reasons_none.sql when the version
-- has no churn_reasons table (then every churn is unrecorded).
with

-- per-account movements from account_month_movements.sql; read in place, not materialised (four
-- parts read it: copying a 1M-account book's 20M movements first took five minutes, reading it 3 s)
movements as not materialized (
    select account_id, month, previous_mrr, mrr, category from query_table($movements)
),

-- the as-of month is the last month of the grid
as_of as (
    select max(month) as month from movements
),

-- a churn movement: MRR > 0 in the month before, 0 in this month
churns as (
    select account_id, month, previous_mrr as mrr_before
    from movements
    where category = 'churn'
),

-- the month each churned spell began (its latest new or reactivation) and the first comeback after
spells as (
    select
        c.account_id,
        c.month,
        max(case when m.category in ('new', 'reactivation') and m.month < c.month then m.month end)
            as spell_start,
        min(case when m.category = 'reactivation' and m.month > c.month then m.month end) as returned_month
    from churns as c
    join movements as m on m.account_id = c.account_id
    group by c.account_id, c.month
),

-- every reason row with a stable id (row order is not meaningful in a loaded table)
reasons as (
    select
        row_number() over (order by account_id, churn_date, primary_reason, secondary_reason, competitor, notes)
            as reason_id,
        *
    from query($reasons)
),

-- service ends between the last day of the month before the churn month and the last day of the churn
-- month; a churn_date inside that span is 0 days off, outside it the days to the nearer end
candidates as (
    select
        r.reason_id,
        c.account_id,
        c.month,
        r.churn_date,
        case
            when r.churn_date < c.month - interval 1 day
                then date_diff('day', r.churn_date, cast(c.month - interval 1 day as date))
            when r.churn_date > last_day(c.month)
                then date_diff('day', last_day(c.month), r.churn_date)
            else 0
        end as days_off
    from reasons as r
    join churns as c on c.account_id = r.account_id
),

-- each reason row explains the nearest churn movement within 90 days (ties: the earlier month)
nearest as (
    select *
    from candidates
    where days_off <= 90
    qualify row_number() over (partition by reason_id order by days_off, month) = 1
),

-- a movement claimed by several rows keeps the nearest one; the others are duplicates
ranked as (
    select *, row_number() over (partition by account_id, month order by days_off, churn_date, reason_id) as rank
    from nearest
),

-- one row per account even if the accounts table repeats one
account_attributes as (
    select account_id, min(account_name) as account_name, min(segment) as segment, min(industry) as industry,
           min(region) as region, min(csm) as csm
    from accounts
    group by account_id
),

-- churn movements with their explaining row (if any)
events as (
    select
        case when k.reason_id is null then 'unrecorded' else 'matched' end as kind,
        c.account_id,
        c.month,
        c.mrr_before,
        s.spell_start,
        s.returned_month,
        k.reason_id,
        k.days_off
    from churns as c
    join spells as s on s.account_id = c.account_id and s.month = c.month
    left join ranked as k on k.account_id = c.account_id and k.month = c.month and k.rank = 1
),

-- reason rows that explain no movement: none within 90 days, or another row explains it
mismatches as (
    select
        case when k.reason_id is null then 'no_churn' else 'duplicate' end as kind,
        r.account_id,
        k.month,
        null as mrr_before,
        null as spell_start,
        null as returned_month,
        r.reason_id,
        k.days_off
    from reasons as r
    left join ranked as k on k.reason_id = r.reason_id
    where k.reason_id is null or k.rank > 1
),

-- both lists with account attributes, reason columns, ARR lost, tenure and ARR now
final as (
    select
        e.kind,
        e.account_id,
        a.account_name,
        a.segment,
        a.industry,
        a.region,
        a.csm,
        e.month,
        e.mrr_before,
        12 * e.mrr_before as arr_lost,
        e.spell_start,
        date_diff('month', e.spell_start, e.month) as tenure_months,
        e.returned_month,
        case when e.kind in ('matched', 'unrecorded')
             then 12 * coalesce(now.mrr, 0) end as arr_now,
        e.reason_id,
        r.churn_date,
        e.days_off,
        r.primary_reason,
        r.secondary_reason,
        r.competitor,
        r.notes,
        r.preventable,
        r.budget_ok,
        r.authority_ok,
        r.needs_ok,
        r.timeframe_ok,
        r.competitor_ok
    from (select * from events union all select * from mismatches) as e
    left join account_attributes as a on a.account_id = e.account_id
    left join reasons as r on r.reason_id = e.reason_id
    left join movements as now on now.account_id = e.account_id and now.month = (select month from as_of)
)

select * from final
order by kind in ('no_churn', 'duplicate'), month, arr_lost desc, account_id, churn_date, reason_id
