-- Health measures of the paying accounts in the months $first to $last: each measure's value (from
-- the values table $health_measure_values, health_measure_values.sql) and its percentile within the month.
-- Grain: one row per account and month with MRR > 0, $first <= month <= $last.
-- Columns: every column of health_measure_values.sql (account_id, month, mrr, each measure), then
-- <measure>_pct per measure: its percentile among the month's paying accounts that have it
-- (100 x (share below + half the share tied), in 0-100; null where the measure is).
with

-- only the months asked for (percentiles are within a month, so other months change nothing);
-- the row key is the order of the rows, the same in every ranking below. Materialised: twelve
-- rankings read it, and each would otherwise number the rows again
wanted as materialized (
    select row_number() over (order by month, account_id) as row_key, *
    from query_table($health_measure_values)
    where month between $first and $last
),

-- how many accounts of each month have each measure (the percentiles' denominators), counted once
month_counts as (
    select month,
           count(logins_per_user) as logins_per_user_n,
           count(seat_utilisation) as seat_utilisation_n,
           count(feature_breadth) as feature_breadth_n,
           count(new_feature_adoption) as new_feature_adoption_n,
           count(usage_trend) as usage_trend_n,
           count(spend_change) as spend_change_n,
           count(support_tickets) as support_tickets_n,
           count(nps) as nps_n,
           count(months_to_renewal) as months_to_renewal_n,
           count(tenure_months) as tenure_months_n,
           count(product_count) as product_count_n,
           count(drop_from_peak) as drop_from_peak_n
    from wanted
    group by month
),

-- the mid-rank percentile of each measure within its month, among the accounts that have it: the
-- share below plus half the share tied, so a value most accounts share sits in the middle, not at 0.
-- One narrow ranking per measure (a row key and the value only) sorts far less than twelve
-- windows over the wide rows.
logins_per_user_rank as (
    select row_key,
           50 * (cast(rank() over by_value - 1 as double) / logins_per_user_n
                 + cume_dist() over by_value) as logins_per_user_pct
    from wanted join month_counts using (month) where logins_per_user is not null
    window by_value as (partition by month order by logins_per_user)
),

seat_utilisation_rank as (
    select row_key,
           50 * (cast(rank() over by_value - 1 as double) / seat_utilisation_n
                 + cume_dist() over by_value) as seat_utilisation_pct
    from wanted join month_counts using (month) where seat_utilisation is not null
    window by_value as (partition by month order by seat_utilisation)
),

feature_breadth_rank as (
    select row_key,
           50 * (cast(rank() over by_value - 1 as double) / feature_breadth_n
                 + cume_dist() over by_value) as feature_breadth_pct
    from wanted join month_counts using (month) where feature_breadth is not null
    window by_value as (partition by month order by feature_breadth)
),

new_feature_adoption_rank as (
    select row_key,
           50 * (cast(rank() over by_value - 1 as double) / new_feature_adoption_n
                 + cume_dist() over by_value) as new_feature_adoption_pct
    from wanted join month_counts using (month) where new_feature_adoption is not null
    window by_value as (partition by month order by new_feature_adoption)
),

usage_trend_rank as (
    select row_key,
           50 * (cast(rank() over by_value - 1 as double) / usage_trend_n
                 + cume_dist() over by_value) as usage_trend_pct
    from wanted join month_counts using (month) where usage_trend is not null
    window by_value as (partition by month order by usage_trend)
),

spend_change_rank as (
    select row_key,
           50 * (cast(rank() over by_value - 1 as double) / spend_change_n
                 + cume_dist() over by_value) as spend_change_pct
    from wanted join month_counts using (month) where spend_change is not null
    window by_value as (partition by month order by spend_change)
),

support_tickets_rank as (
    select row_key,
           50 * (cast(rank() over by_value - 1 as double) / support_tickets_n
                 + cume_dist() over by_value) as support_tickets_pct
    from wanted join month_counts using (month) where support_tickets is not null
    window by_value as (partition by month order by support_tickets)
),

nps_rank as (
    select row_key,
           50 * (cast(rank() over by_value - 1 as double) / nps_n
                 + cume_dist() over by_value) as nps_pct
    from wanted join month_counts using (month) where nps is not null
    window by_value as (partition by month order by nps)
),

months_to_renewal_rank as (
    select row_key,
           50 * (cast(rank() over by_value - 1 as double) / months_to_renewal_n
                 + cume_dist() over by_value) as months_to_renewal_pct
    from wanted join month_counts using (month) where months_to_renewal is not null
    window by_value as (partition by month order by months_to_renewal)
),

tenure_months_rank as (
    select row_key,
           50 * (cast(rank() over by_value - 1 as double) / tenure_months_n
                 + cume_dist() over by_value) as tenure_months_pct
    from wanted join month_counts using (month) where tenure_months is not null
    window by_value as (partition by month order by tenure_months)
),

product_count_rank as (
    select row_key,
           50 * (cast(rank() over by_value - 1 as double) / product_count_n
                 + cume_dist() over by_value) as product_count_pct
    from wanted join month_counts using (month) where product_count is not null
    window by_value as (partition by month order by product_count)
),

drop_from_peak_rank as (
    select row_key,
           50 * (cast(rank() over by_value - 1 as double) / drop_from_peak_n
                 + cume_dist() over by_value) as drop_from_peak_pct
    from wanted join month_counts using (month) where drop_from_peak is not null
    window by_value as (partition by month order by drop_from_peak)
),

final as (
    select wanted.* exclude (row_key),
           logins_per_user_rank.logins_per_user_pct, seat_utilisation_rank.seat_utilisation_pct, feature_breadth_rank.feature_breadth_pct,
           new_feature_adoption_rank.new_feature_adoption_pct, usage_trend_rank.usage_trend_pct, spend_change_rank.spend_change_pct,
           support_tickets_rank.support_tickets_pct, nps_rank.nps_pct, months_to_renewal_rank.months_to_renewal_pct,
           tenure_months_rank.tenure_months_pct, product_count_rank.product_count_pct, drop_from_peak_rank.drop_from_peak_pct
    from wanted
    left join logins_per_user_rank using (row_key)
    left join seat_utilisation_rank using (row_key)
    left join feature_breadth_rank using (row_key)
    left join new_feature_adoption_rank using (row_key)
    left join usage_trend_rank using (row_key)
    left join spend_change_rank using (row_key)
    left join support_tickets_rank using (row_key)
    left join nps_rank using (row_key)
    left join months_to_renewal_rank using (row_key)
    left join tenure_months_rank using (row_key)
    left join product_count_rank using (row_key)
    left join drop_from_peak_rank using (row_key)
)

select * from final
