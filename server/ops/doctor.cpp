// SPDX-License-Identifier: Apache-2.0
#include "ops/doctor.h"

#include "ops/httpprobe.h"

#include <cstdio>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::ops {
namespace {

QString label(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Pass:
        return u"PASS"_s;
    case Outcome::Warn:
        return u"WARN"_s;
    case Outcome::Fail:
        return u"FAIL"_s;
    case Outcome::Skip:
        return u"SKIP"_s;
    }
    return {};
}

void print(const CheckResult &result)
{
    std::printf("%s  %s: %s\n", qPrintable(label(result.outcome)), qPrintable(result.name),
                qPrintable(result.detail));
    if (!result.fix.isEmpty() &&
        (result.outcome == Outcome::Fail || result.outcome == Outcome::Warn))
        std::printf("      fix: %s\n", qPrintable(result.fix));
    std::fflush(stdout);
}

} // namespace

int runDoctor(const DoctorInput &input)
{
    std::printf("natter-server %s doctor, configuration from %s\n\n", NATTER_VERSION,
                qPrintable(input.envFile.isEmpty() ? u"the environment"_s : input.envFile));
    const HttpProbe probe(input.caFile);
    if (!probe.caLoaded()) {
        std::fprintf(stderr, "natter-server: cannot read a PEM certificate from %s\n",
                     qPrintable(input.caFile));
        return 2;
    }
    DoctorFindings found;
    QList<CheckResult> results;
    // Printed as they finish: a check that waits on the network shows where it waits.
    const auto run = [&results](const QList<CheckResult> &batch) {
        for (const CheckResult &result : batch)
            print(result);
        results += batch;
    };
    run(checkConfiguration(input));
    run(checkDatabase(input, found));
    run(checkLocalServer(input, probe, found));
    run(checkPublicUrl(input, probe, found));
    run(checkSignInProviders(input, probe, found));
    run(checkHost(input, found));

    int failed = 0;
    int warned = 0;
    for (const CheckResult &result : results) {
        failed += result.outcome == Outcome::Fail ? 1 : 0;
        warned += result.outcome == Outcome::Warn ? 1 : 0;
    }
    std::printf("\n%d checks: %d failed, %d warnings\n", int(results.size()), failed, warned);
    return failed > 0 ? 1 : 0;
}

} // namespace natter::server::ops
