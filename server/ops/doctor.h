// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "config.h"
#include "natter/apierror.h"

#include <QList>
#include <QProcessEnvironment>
#include <QString>

#include <optional>

namespace natter::server::ops {

class HttpProbe;

enum class Outcome
{
    Pass,
    Warn,
    Fail,
    Skip,
};

//! One line of the doctor's report; `fix` says what to do when it did not pass.
struct CheckResult
{
    QString name;
    Outcome outcome = Outcome::Pass;
    QString detail;
    QString fix;
};

//! What the doctor looks at: the service's environment (the env file merged in) and how to
//! reach the installation from this machine.
struct DoctorInput
{
    QProcessEnvironment env;
    QString envFile;              //!< where the configuration came from, for the fix texts
    std::optional<Config> config; //!< nothing when the configuration is refused
    ApiError configError;
    QString caFile;       //!< an extra CA to trust (a private CA, Caddy's `tls internal`)
    QString localAddress; //!< host:port of one natter-server process on this machine
};

//! Clock readings of other machines, collected while the other checks talk to them.
struct ClockReading
{
    QString source;
    double skewSeconds = 0;
};

//! What the checks share while they run.
struct DoctorFindings
{
    QList<ClockReading> clock;
    bool databaseUp = false;
    bool localServerUp = false;
    bool localSocketWorks = false;
};

// Each returns its lines in the order they are printed.
[[nodiscard]] QList<CheckResult> checkConfiguration(const DoctorInput &input);
[[nodiscard]] QList<CheckResult> checkDatabase(const DoctorInput &input, DoctorFindings &found);
[[nodiscard]] QList<CheckResult> checkLocalServer(const DoctorInput &input, const HttpProbe &probe,
                                                  DoctorFindings &found);
[[nodiscard]] QList<CheckResult> checkPublicUrl(const DoctorInput &input, const HttpProbe &probe,
                                                DoctorFindings &found);
[[nodiscard]] QList<CheckResult>
checkSignInProviders(const DoctorInput &input, const HttpProbe &probe, DoctorFindings &found);
[[nodiscard]] QList<CheckResult> checkHost(const DoctorInput &input, const DoctorFindings &found);

//! Runs every check, prints the report to stdout; the exit code is 1 when any check failed.
[[nodiscard]] int runDoctor(const DoctorInput &input);

} // namespace natter::server::ops
