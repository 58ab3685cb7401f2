// asynclift — umbrella header for the C++ API.
#pragma once

#include "asynclift/analysis.hpp"
#include "asynclift/lift.hpp"
#include "asynclift/notebook.hpp"
#include "asynclift/document.hpp"
#include "asynclift/source.hpp"
#include "asynclift/version.hpp"
