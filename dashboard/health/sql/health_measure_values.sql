-- Health measure values of every paying account and month, before any percentile: built once per
-- dataset version, read by health_measures.sql for the months a page scores.
-- Grain: one row per account and month with MRR > 0 in the account-month MRR grid (the product grid
-- $product_grid summed per account and month, as account_month_mrr.sql sums it for $grid).
-- Columns: account_id, month (first day), mrr (double), then per measure its value (null = the
-- data lacks it for that account and month, never 0):
--   logins_per_user       logins / active_users in the month
--   seat_utilisation      active_users / seats in the month
--   feature_breadth       features_used in the month
--   new_feature_adoption  new_feature_adoption in the month
--   usage_trend           mean monthly logins of the last 3 months / of the 3 before, minus 1
--                         (needs at least 2 months with logins in each window)
--   spend_change          MRR now / MRR 3 months before, minus 1 (needs MRR 3 months before)
--   support_tickets       mean support_tickets per month over the last 3 months
--   nps                   the latest nps answer of the last 6 months
--   months_to_renewal     months_to_renewal in the month (a usage metric, when the data has it), else
--                         months to the end of the account's contract terms still running after the
--                         as-of month ($contract_ends: end dates known in advance, never churn recorded)
--   tenure_months         months since the account's first paid month
--   product_count         products the account pays for in the month (null without product data)
--   drop_from_peak        MRR now / the highest MRR of the last 12 months, minus 1 (past contraction, <= 0)
-- Usage may be an empty table ($usage): the revenue measures still score every paying account.
with

-- usage is long (one row per account, month and metric): one column per metric we read
usage_month as (
    select account_id, month,
           sum(case when metric = 'logins' then value end) as logins,
           avg(case when metric = 'active_users' then value end) as active_users,
           avg(case when metric = 'seats' then value end) as seats,
           avg(case when metric = 'features_used' then value end) as features_used,
           avg(case when metric = 'new_feature_adoption' then value end) as new_feature_adoption,
           sum(case when metric = 'support_tickets' then value end) as support_tickets,
           avg(case when metric = 'nps' then value end) as nps,
           min(case when metric = 'months_to_renewal' then value end) as months_to_renewal
    from (select account_id, cast(date_trunc('month', month) as date) as month, lower(trim(metric)) as metric, value
          from query_table($usage)) as long_usage
    group by account_id, month
),

-- months from each paid month to the nearest end of a contract term still running after the as-of month
renewal_month as (
    select g.account_id, g.month,
           min((extract(year from c.end_month) - extract(year from g.month)) * 12
               + extract(month from c.end_month) - extract(month from g.month)) as months_left
    from query_table($grid) as g
    join query_table($contract_ends) as c
      on c.account_id = g.account_id
     and c.start_date <= cast(g.month + interval '1' month - interval '1' day as date)
    where g.mrr > 0
    group by g.account_id, g.month
),

-- the revenue grid (account_month_mrr.sql sums the product grid per account and month) summed here
-- too, counting the named products paid for as it goes: one pass, no join of the products
paid_month as (
    select account_id, month, cast(sum(mrr) as decimal(38, 6)) as mrr,
           count(*) filter (where mrr > 0 and product <> '(none)') as product_count
    from query_table($product_grid)
    group by account_id, month
),

-- the dense revenue grid is the spine, so "3 months before" is 3 rows before
spine as (
    select g.account_id, g.month, cast(g.mrr as double) as mrr,
           u.logins, u.active_users, u.seats, u.features_used, u.new_feature_adoption,
           u.support_tickets, u.nps, coalesce(u.months_to_renewal, r.months_left) as months_to_renewal,
           nullif(g.product_count, 0) as product_count
    from paid_month as g
    left join usage_month as u on u.account_id = g.account_id and u.month = g.month
    left join renewal_month as r on r.account_id = g.account_id and r.month = g.month
),

-- trailing windows per account; counts say whether a window has enough data to mean anything
windowed as (
    select *,
           avg(logins) over (partition by account_id order by month rows between 2 preceding and current row) as logins_recent,
           count(logins) over (partition by account_id order by month rows between 2 preceding and current row) as logins_recent_n,
           avg(logins) over (partition by account_id order by month rows between 5 preceding and 3 preceding) as logins_before,
           count(logins) over (partition by account_id order by month rows between 5 preceding and 3 preceding) as logins_before_n,
           lag(mrr, 3) over (partition by account_id order by month) as mrr_3_months_before,
           avg(support_tickets) over (partition by account_id order by month rows between 2 preceding and current row) as tickets_recent,
           last_value(nps ignore nulls) over (partition by account_id order by month rows between 5 preceding and current row) as nps_recent,
           row_number() over (partition by account_id order by month) - 1 as months_since_first,
           max(mrr) over (partition by account_id order by month rows between 11 preceding and current row) as mrr_peak
    from spine
),

-- the measures, null where the inputs are missing or a ratio has no denominator
measures as (
    select account_id, month, mrr,
           case when active_users > 0 then logins / active_users end as logins_per_user,
           case when seats > 0 then active_users / seats end as seat_utilisation,
           features_used as feature_breadth,
           new_feature_adoption,
           case when logins_recent_n >= 2 and logins_before_n >= 2 and logins_before > 0
                then logins_recent / logins_before - 1 end as usage_trend,
           case when mrr_3_months_before > 0 then mrr / mrr_3_months_before - 1 end as spend_change,
           tickets_recent as support_tickets,
           nps_recent as nps,
           months_to_renewal,
           cast(months_since_first as double) as tenure_months,
           cast(product_count as double) as product_count,
           case when mrr_peak > 0 then mrr / mrr_peak - 1 end as drop_from_peak
    from windowed
    where mrr > 0
)

select * from measures
