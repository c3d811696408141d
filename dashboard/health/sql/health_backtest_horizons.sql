-- Back-test outcomes for every horizon at once: each account paying in month $month with its MRR in each
-- of the twelve months after, so that moving the horizon on the page needs no query (the lowest MRR up
-- to a horizon is a running minimum over these columns: dashboard.health.backtest.backtest_horizons).
-- Grain: one row per account with MRR > 0 in $month in the account-month MRR grid $grid, sorted by account_id.
-- Columns: account_id, mrr (in $month), mrr_1 .. mrr_12: its MRR in month $month + k (0 = not paying;
-- null when the grid, which ends at the as-of month, has no such month yet).
-- health_backtest_outcomes.sql gives the lowest MRR for one horizon of any length.
with

-- the scored month's paying accounts
scored as (
    select account_id, mrr from query_table($grid) where month = $month and mrr > 0
),

-- the twelve months after, numbered 1 to 12, as doubles (a minimum of doubles is the double of the
-- decimals' minimum, and far quicker than one of 38-digit decimals)
later as (
    select account_id, cast(mrr as double) as mrr,
           (extract(year from month) - extract(year from cast($month as date))) * 12
           + extract(month from month) - extract(month from cast($month as date)) as months_after
    from query_table($grid)
    where month > $month and month <= cast($month + interval '12' month as date)
),

-- one column per month after (the grid has one row per account and month)
by_month as (
    select account_id,
           min(mrr) filter (where months_after = 1) as mrr_1,
           min(mrr) filter (where months_after = 2) as mrr_2,
           min(mrr) filter (where months_after = 3) as mrr_3,
           min(mrr) filter (where months_after = 4) as mrr_4,
           min(mrr) filter (where months_after = 5) as mrr_5,
           min(mrr) filter (where months_after = 6) as mrr_6,
           min(mrr) filter (where months_after = 7) as mrr_7,
           min(mrr) filter (where months_after = 8) as mrr_8,
           min(mrr) filter (where months_after = 9) as mrr_9,
           min(mrr) filter (where months_after = 10) as mrr_10,
           min(mrr) filter (where months_after = 11) as mrr_11,
           min(mrr) filter (where months_after = 12) as mrr_12
    from later
    group by account_id
),

final as (
    select s.account_id, cast(s.mrr as double) as mrr, b.* exclude (account_id)
    from scored as s
    left join by_month as b on b.account_id = s.account_id
)

select * from final order by account_id
