// 300 generated cases; the candidate is as good as the baseline
cases = 300
worse = false
evaluate(new File(itCommon, 'gate-endpoint.groovy'))
